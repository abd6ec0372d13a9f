import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { TraineesI18n } from '../trainees-i18n';
import { correctionStatusColor } from '../trainees-labels';
import { CORRECTION_FIELDS, type CorrectionField, type CorrectionRequestDto } from '../trainees-types';
import { TraineeFileStore } from './trainee-file-store';

type Answer = 'resolved' | 'declined';

/** Correction requests (PIPL Art. 46): the list, one recorded for the trainee (assisted), and the answer. */
@Component({
  selector: 'jbh-corrections-section',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzModalModule,
    NzSelectModule,
    NzSpinModule,
    NzTagModule,
    LoadError,
  ],
  templateUrl: './corrections-section.html',
  styleUrl: './sections.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CorrectionsSection {
  protected readonly store = inject(TraineeFileStore);
  private readonly i18n = inject(TraineesI18n);
  private readonly message = inject(NzMessageService);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly statusColor = correctionStatusColor;
  protected readonly fields = CORRECTION_FIELDS;

  protected readonly field = signal<CorrectionField | null>(null);
  protected readonly text = signal('');
  protected readonly creating = signal(false);
  protected readonly createError = signal<ApiError | null>(null);

  protected readonly answering = signal<{ request: CorrectionRequestDto; status: Answer } | null>(null);
  protected readonly note = signal('');
  protected readonly answerBusy = signal(false);
  protected readonly answerError = signal<ApiError | null>(null);

  constructor() {
    this.store.loadCorrections();
  }

  /** The server stores the field key; older or unknown keys show as they are. */
  protected fieldName(field: string): string {
    return this.i18n.tryT(`correctionField.${field}`, field);
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected create(): void {
    const field = this.field();
    const message = this.text().trim();
    if (!field || message.length < 2) return;
    this.creating.set(true);
    this.createError.set(null);
    this.store.requestCorrection({ field, message }).subscribe({
      next: () => {
        this.creating.set(false);
        this.field.set(null);
        this.text.set('');
        this.message.success(this.t('cor.created'));
      },
      error: (err: unknown) => {
        this.creating.set(false);
        this.createError.set(toApiError(err));
      },
    });
  }

  protected openAnswer(request: CorrectionRequestDto, status: Answer): void {
    this.note.set('');
    this.answerError.set(null);
    this.answering.set({ request, status });
  }

  protected closeAnswer(): void {
    this.answering.set(null);
  }

  protected noteMissing(): boolean {
    return this.answering()?.status === 'declined' && this.note().trim().length === 0;
  }

  protected answer(): void {
    const a = this.answering();
    if (!a || this.noteMissing()) return;
    const note = this.note().trim();
    this.answerBusy.set(true);
    this.answerError.set(null);
    this.store.resolveCorrection(a.request.id, { status: a.status, ...(note ? { note } : {}) }).subscribe({
      next: () => {
        this.answerBusy.set(false);
        this.answering.set(null);
        this.message.success(this.t('cor.answered'));
      },
      error: (err: unknown) => {
        this.answerBusy.set(false);
        this.answerError.set(toApiError(err));
      },
    });
  }
}
