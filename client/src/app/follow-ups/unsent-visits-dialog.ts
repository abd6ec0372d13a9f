import {
  ChangeDetectionStrategy,
  Component,
  type EnvironmentInjector,
  computed,
  createEnvironmentInjector,
  inject,
  signal,
} from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzModalRef, NzModalService } from 'ng-zorro-antd/modal';
import { firstValueFrom } from 'rxjs';
import { FollowUpsI18n } from './follow-ups-i18n';
import type { FollowUpsKey } from './follow-ups-zh';
import { VisitOutbox } from './visit-outbox';

type Unsent<K> = K extends `unsent.${infer W}` ? W : never;
/** The dialog's own words: the `unsent.*` keys of the follow-up dictionary. */
type UnsentKey = Unsent<FollowUpsKey>;

/** How the dialog ended when the user may go on signing out; `undefined` is 取消 (stay signed in). */
export type UnsentChoice = 'sent' | 'kept' | 'discarded';

/** The warning shown when a counsellor signs out with visits still waiting on the phone. */
@Component({
  selector: 'jbh-unsent-visits-dialog',
  imports: [NzAlertModule, NzButtonModule],
  template: `
    <div data-testid="unsent-dialog">
      <h2 class="title">{{ w('title', { n: left() }) }}</h2>
      <p>{{ w('body') }}</p>
      @if (confirming()) {
        <nz-alert class="note" nzType="error" nzShowIcon [nzMessage]="w('discardWarn')" />
      }
      @if (problem(); as p) {
        <nz-alert class="note" nzType="warning" nzShowIcon [nzMessage]="p" data-testid="unsent-problem" />
      }
      <div class="actions">
        <button nz-button type="button" [disabled]="!!busy()" (click)="close(undefined)" data-testid="unsent-cancel">
          {{ w('cancel') }}
        </button>
        <button
          nz-button
          nzDanger
          type="button"
          [nzLoading]="busy() === 'discard'"
          [disabled]="!!busy()"
          (click)="discard()"
          data-testid="unsent-discard"
        >
          {{ confirming() ? w('confirmDiscard') : w('discard') }}
        </button>
        <button nz-button type="button" [disabled]="!!busy()" (click)="close('kept')" data-testid="unsent-keep">{{ w('keep') }}</button>
        <button
          nz-button
          nzType="primary"
          type="button"
          [nzLoading]="busy() === 'send'"
          [disabled]="!!busy()"
          (click)="send()"
          data-testid="unsent-send"
        >
          {{ w('sendNow') }}
        </button>
      </div>
    </div>
  `,
  styles: `
    .title {
      margin: 0 0 8px;
      font-size: 18px;
      font-weight: 600;
    }
    .note {
      margin-bottom: 12px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 8px;
      margin-top: 16px;
    }
    @media (max-width: 767.98px) {
      .actions {
        flex-direction: column-reverse;
      }
      .actions button {
        width: 100%;
        height: 44px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UnsentVisitsDialog {
  private readonly ref = inject<NzModalRef<UnsentVisitsDialog, UnsentChoice>>(NzModalRef);
  private readonly outbox = inject(VisitOutbox);
  private readonly i18n = inject(FollowUpsI18n);
  protected readonly left = computed(() => this.outbox.pending().length);
  protected readonly busy = signal<'send' | 'discard' | null>(null);
  protected readonly confirming = signal(false);
  protected readonly problem = signal<string | null>(null);

  protected w(k: UnsentKey, p: Record<string, number> = {}): string {
    return this.i18n.t(`unsent.${k}`, { ...p, s: p['n'] === 1 ? '' : 's' });
  }

  protected close(choice: UnsentChoice | undefined): void {
    this.ref.close(choice);
  }

  protected async send(): Promise<void> {
    this.busy.set('send');
    this.problem.set(null);
    this.confirming.set(false);
    try {
      const r = await this.outbox.flush();
      if (!r.left) {
        this.close('sent');
        return;
      }
      this.problem.set(r.sent ? this.w('partly', { sent: r.sent, n: r.left }) : this.w('offline'));
    } finally {
      this.busy.set(null);
    }
  }

  protected async discard(): Promise<void> {
    if (!this.confirming()) {
      this.confirming.set(true);
      return;
    }
    this.busy.set('discard');
    try {
      await this.outbox.discard();
      this.close('discarded');
    } finally {
      this.busy.set(null);
    }
  }
}

/**
 * Opens the dialog and answers whether to go on signing out (`UnsentVisitsCheck` loads this module only
 * when there are visits waiting, so the modal's code is not part of every page). The modal service is
 * made for this one question: pages that do not use modals do not provide it.
 */
export async function askAboutUnsentVisits(parent: EnvironmentInjector): Promise<boolean> {
  const injector = createEnvironmentInjector([NzModalService], parent);
  try {
    const ref = injector.get(NzModalService).create<UnsentVisitsDialog, undefined, UnsentChoice>({
      nzContent: UnsentVisitsDialog,
      nzFooter: null,
      nzClosable: false,
      nzMaskClosable: false,
      nzCentered: true,
      nzWidth: 460,
    });
    return (await firstValueFrom(ref.afterClose)) !== undefined;
  } finally {
    injector.destroy();
  }
}
