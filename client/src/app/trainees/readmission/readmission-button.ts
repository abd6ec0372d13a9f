import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { ReentryI18n } from '../episodes/episodes-i18n';

/** "再次入所" beside "新建学员" on the caseload page (shown, like it, to facility counsellors only). */
@Component({
  selector: 'jbh-readmission-button',
  imports: [RouterLink, NzButtonModule, NzIconModule],
  template: `<a nz-button routerLink="/trainees/readmission" data-testid="caseload-readmit"
    ><nz-icon nzType="idcard" />{{ t('readm.button') }}</a
  >`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReadmissionButton {
  protected readonly t = inject(ReentryI18n).t;
}
