import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { ActivationI18n } from './activation-i18n';

/** "打印交接单" on the handover page: opens the printable sheet (`/handovers/:id/sheet`). */
@Component({
  selector: 'jbh-handover-sheet-link',
  imports: [RouterLink, NzButtonModule, NzIconModule],
  template: `<a nz-button nzSize="large" [routerLink]="['/handovers', handoverId(), 'sheet']" data-testid="handover-sheet-link"
    ><nz-icon nzType="printer" />{{ i18n.t('act.print') }}</a
  >`,
  styles: `
    :host {
      display: inline-block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HandoverSheetLink {
  readonly handoverId = input.required<string>();
  protected readonly i18n = inject(ActivationI18n);
}
