import { ChangeDetectionStrategy, Component, type EnvironmentInjector, computed, createEnvironmentInjector, inject } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzModalService } from 'ng-zorro-antd/modal';
import { IdleTimeout, type IdleWarningHandle } from './idle-timeout';

/** The one-minute warning: a countdown and two buttons. */
@Component({
  selector: 'jbh-idle-warning',
  imports: [NzButtonModule],
  template: `
    <p data-testid="idle-warning">{{ body() }}</p>
    <div class="actions">
      <button nz-button type="button" (click)="idle.signOut()" data-testid="idle-leave">{{ idle.words().leave }}</button>
      <button nz-button nzType="primary" type="button" (click)="idle.keepWorking()" data-testid="idle-keep" cdkFocusInitial>
        {{ idle.words().keep }}
      </button>
    </div>
  `,
  styles: `
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
      flex-wrap: wrap;
    }
    .actions button {
      min-height: 40px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IdleWarningDialog {
  protected readonly idle = inject(IdleTimeout);
  protected readonly body = computed(() => this.idle.words().body.replace('{s}', String(this.idle.secondsLeft())));
}

/**
 * Shows the warning in ng-zorro's modal (this module is fetched when the first warning is due, see
 * `IDLE_WARNING`). The modal service is made for it: it is not a root service, and the page under the
 * warning may not provide one.
 */
export function openIdleWarning(parent: EnvironmentInjector, title: string): IdleWarningHandle {
  const injector = createEnvironmentInjector([NzModalService], parent);
  const ref = injector.get(NzModalService).create({
    nzTitle: title,
    nzContent: IdleWarningDialog,
    nzFooter: null,
    nzClosable: false,
    nzMaskClosable: false,
    nzKeyboard: false,
    nzCentered: true,
  });
  return {
    destroy: () => {
      ref.destroy();
      injector.destroy();
    },
  };
}
