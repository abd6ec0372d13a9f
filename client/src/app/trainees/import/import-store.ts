import { Injectable, computed, inject, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { saveFile, suggestedFileName } from '../download';
import { TraineesApi } from '../trainees-api';
import type { ImportReportDto } from '../trainees-types';

export type ImportPhase = 'choose' | 'checking' | 'checked' | 'importing' | 'done';

/**
 * The roster import, one step at a time: choose a file → dry run (every bad row listed, nothing
 * written) → import, offered only when the dry run found no problem. The server's import is
 * all-or-nothing, so a file that changed between the two steps still cannot half-import.
 */
@Injectable()
export class ImportStore {
  private readonly api = inject(TraineesApi);
  private readonly fileState = signal<File | null>(null);
  private readonly phaseState = signal<ImportPhase>('choose');
  private readonly reportState = signal<ImportReportDto | null>(null);
  private readonly resultState = signal<ImportReportDto | null>(null);
  private readonly errorState = signal<ApiError | null>(null);

  readonly file = this.fileState.asReadonly();
  readonly phase = this.phaseState.asReadonly();
  /** The dry run's report. */
  readonly report = this.reportState.asReadonly();
  /** The real import's report. */
  readonly result = this.resultState.asReadonly();
  readonly error = this.errorState.asReadonly();
  readonly problems = computed(() => this.reportState()?.problems ?? []);
  /** "确认导入" only after a clean dry run of this very file. */
  readonly canConfirm = computed(() => {
    const report = this.reportState();
    return this.phaseState() === 'checked' && !!report && report.rows > 0 && report.problems.length === 0 && this.fileState() !== null;
  });

  choose(file: File | null): void {
    this.fileState.set(file);
    this.reportState.set(null);
    this.resultState.set(null);
    this.errorState.set(null);
    this.phaseState.set('choose');
  }

  check(): void {
    const file = this.fileState();
    if (!file || this.phaseState() === 'checking' || this.phaseState() === 'importing') return;
    this.phaseState.set('checking');
    this.errorState.set(null);
    this.reportState.set(null);
    this.api.importRoster(file, true).subscribe({
      next: (report) => {
        this.reportState.set(report);
        this.phaseState.set('checked');
      },
      error: (err: unknown) => {
        this.errorState.set(toApiError(err));
        this.phaseState.set('choose');
      },
    });
  }

  confirm(): void {
    const file = this.fileState();
    if (!file || !this.canConfirm()) return;
    this.phaseState.set('importing');
    this.errorState.set(null);
    this.api.importRoster(file, false).subscribe({
      next: (result) => {
        if (result.committed) {
          this.resultState.set(result);
          this.phaseState.set('done');
        } else {
          // Something changed since the dry run (a duplicate appeared): show the new problems instead.
          this.reportState.set(result);
          this.phaseState.set('checked');
        }
      },
      error: (err: unknown) => {
        this.errorState.set(toApiError(err));
        this.phaseState.set('checked');
      },
    });
  }

  restart(): void {
    this.choose(null);
  }

  downloadTemplate(): Observable<void> {
    return this.api.importTemplate().pipe(
      map((response) => {
        if (response.body) saveFile(response.body, suggestedFileName(response, 'trainee-roster-template.xlsx'));
      }),
    );
  }
}
