import { ChangeDetectionStrategy, Component, input, model, output } from '@angular/core';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { EnrolForm } from '../learning/enrol-form';

/**
 * The caseload's 批量报名 dialog: a selection enrolled in one go. A component of its own so that the
 * caseload can defer it (`@defer` loads standalone components, not NgModules such as the modal's, and
 * the modal's module also provides the service it needs): most visits to the caseload enrol nobody.
 */
@Component({
  selector: 'jbh-bulk-enrol-dialog',
  imports: [NzModalModule, EnrolForm],
  template: `
    <nz-modal [nzVisible]="open()" [nzTitle]="title()" [nzFooter]="null" [nzWidth]="phone() ? '100%' : 600" (nzOnCancel)="open.set(false)">
      <ng-container *nzModalContent>
        @if (open()) {
          <jbh-enrol-form [trainees]="trainees()" [bulk]="true" (done)="done.emit()" (cancelled)="open.set(false)" />
        }
      </ng-container>
    </nz-modal>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkEnrolDialog {
  readonly open = model(false);
  readonly title = input.required<string>();
  readonly trainees = input.required<readonly { id: string; fullName: string }[]>();
  readonly phone = input(false);
  readonly done = output<void>();
}
