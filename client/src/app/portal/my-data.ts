import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { LoadError } from '../shared/load-error';
import { type Remote, idle, loadInto } from '../shared/remote';
import { saveFile } from '../trainees/download';
import { TraineesI18n } from '../trainees/trainees-i18n';
import { PortalI18n } from './portal-i18n';
import { correctionStatusColor, todayIso } from '../trainees/trainees-labels';
import { CORRECTION_FIELDS, type CorrectionField, type CorrectionRequestDto } from '../trainees/trainees-types';
import { PortalApi } from './portal-api';

/** `/me/data`: download everything the platform holds about me (PIPL Art. 45); ask for a correction (Art. 46). */
@Component({
  selector: 'jbh-my-data',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzSelectModule,
    NzSpinModule,
    NzTagModule,
    LoadError,
  ],
  templateUrl: './my-data.html',
  styleUrl: './portal.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyData {
  private readonly api = inject(PortalApi);
  private readonly i18n = inject(TraineesI18n);
  private readonly message = inject(NzMessageService);
  /** The portal's words first (the counsellor is 辅导员 here), then the records' (trainees-zh.ts). */
  protected readonly t = inject(PortalI18n).over(this.i18n.t);
  protected readonly date = this.i18n.date;
  protected readonly statusColor = correctionStatusColor;
  protected readonly fields = CORRECTION_FIELDS;

  protected readonly downloading = signal(false);
  protected readonly downloadError = signal<ApiError | null>(null);
  protected readonly requests = signal<Remote<CorrectionRequestDto[]>>(idle());
  protected readonly field = signal<CorrectionField | null>(null);
  protected readonly text = signal('');
  protected readonly sending = signal(false);
  protected readonly sendError = signal<ApiError | null>(null);

  constructor() {
    this.loadRequests();
  }

  protected loadRequests(): void {
    loadInto(this.requests, this.api.corrections());
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected fieldName(field: string): string {
    return this.i18n.tryT(`correctionField.${field}`, field);
  }

  /** The server's JSON as a file the trainee keeps (it also records that the export happened). */
  protected download(): void {
    this.downloading.set(true);
    this.downloadError.set(null);
    this.api.myData().subscribe({
      next: (data) => {
        this.downloading.set(false);
        saveFile(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), `my-data-${todayIso()}.json`);
        this.message.success(this.t('myData.downloaded'));
      },
      error: (err: unknown) => {
        this.downloading.set(false);
        this.downloadError.set(toApiError(err));
      },
    });
  }

  protected send(): void {
    const field = this.field();
    const message = this.text().trim();
    if (!field || message.length < 2) return;
    this.sending.set(true);
    this.sendError.set(null);
    this.api.requestCorrection({ field, message }).subscribe({
      next: () => {
        this.sending.set(false);
        this.field.set(null);
        this.text.set('');
        this.message.success(this.t('myData.sent'));
        this.loadRequests();
      },
      error: (err: unknown) => {
        this.sending.set(false);
        this.sendError.set(toApiError(err));
      },
    });
  }
}
