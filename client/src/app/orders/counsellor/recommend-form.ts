import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { Subject, catchError, debounceTime, distinctUntilChanged, of, startWith, switchMap } from 'rxjs';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { OrdersApi } from '../orders-api';
import { OrdersI18n } from '../orders-i18n';
import type { PlacementDto, RecommendationReasonCode, TraineeListItemDto } from '../orders-types';
import { ReasonCheckboxes } from '../shared/recommendation-reasons';

/**
 * A counsellor recommends one of their trainees for an order. Only trainees with live consent to job
 * matching are offered; the server checks again and its message (NO_MATCHING_CONSENT,
 * NOTE_REVEALS_HISTORY, PLACEMENT_EXISTS …) is shown as it says it.
 */
@Component({
  selector: 'jbh-recommend-form',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzInputModule, NzSelectModule, ReasonCheckboxes],
  template: `
    <form class="step-form" (ngSubmit)="submit()" novalidate data-testid="recommend-form">
      <p class="muted small intro">{{ t('rec.intro') }}</p>
      <label class="field" for="recommend-trainee">
        <span>{{ t('rec.trainee') }}</span>
      </label>
      <nz-select
        nzId="recommend-trainee"
        class="picker"
        nzShowSearch
        nzServerSearch
        nzAllowClear
        [nzPlaceHolder]="t('rec.traineePlaceholder')"
        [nzLoading]="loading()"
        [nzNotFoundContent]="t('rec.noneFound')"
        [ngModel]="traineeId()"
        (ngModelChange)="traineeId.set($event)"
        name="traineeId"
        (nzOnSearch)="typed.next($event)"
        data-testid="recommend-trainee"
      >
        @for (tr of options(); track tr.id) {
          <nz-option [nzValue]="tr.id" [nzLabel]="label(tr)" />
        }
      </nz-select>
      @if (tried() && !traineeId()) {
        <span class="field-error">{{ t('validation.choose') }}</span>
      }
      <fieldset class="field reasons">
        <legend>{{ t('rec.reasons') }}</legend>
        <span class="muted small">{{ t('rec.reasonsHint') }}</span>
        <jbh-reason-checkboxes [(value)]="reasons" [ariaLabel]="t('rec.reasons')" />
      </fieldset>
      <label class="field">
        <span>{{ t('rec.note') }}</span>
        <textarea
          nz-input
          rows="3"
          name="note"
          maxlength="500"
          [placeholder]="t('rec.notePlaceholder')"
          [ngModel]="note()"
          (ngModelChange)="note.set($event)"
          data-testid="recommend-note"
        ></textarea>
        <span class="muted small">{{ t('rec.noteHint') }}</span>
      </label>
      @if (error(); as err) {
        <nz-alert nzType="error" nzShowIcon [nzMessage]="errorText(err)" role="alert" data-testid="recommend-error" />
      }
      <div class="form-actions">
        <button nz-button type="button" (click)="cancelled.emit()">{{ t('common.cancel') }}</button>
        <button nz-button nzType="primary" type="submit" [nzLoading]="busy()" data-testid="recommend-submit">{{ t('rec.submit') }}</button>
      </div>
    </form>
  `,
  styles: `
    .step-form {
      display: grid;
      gap: 8px;
      margin-bottom: 16px;
      padding: 12px;
      border: 1px solid #f0d9b5;
      border-radius: 8px;
      background: #fffbf2;
    }
    .intro {
      margin: 0;
    }
    .picker {
      width: 100%;
    }
    .field {
      display: grid;
      gap: 4px;
    }
    .reasons {
      margin: 0;
      padding: 0;
      border: 0;
    }
    .reasons legend {
      margin: 0;
      font-size: 14px;
      border: 0;
    }
    .field-error {
      color: #cf1322;
      font-size: 13px;
    }
    .form-actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecommendForm {
  readonly orderId = input.required<string>();
  readonly recommended = output<PlacementDto>();
  readonly cancelled = output();

  private readonly api = inject(OrdersApi);
  private readonly i18n = inject(OrdersI18n);
  protected readonly t = this.i18n.t;
  protected readonly options = signal<TraineeListItemDto[]>([]);
  protected readonly loading = signal(false);
  protected readonly traineeId = signal<string | null>(null);
  protected readonly note = signal('');
  protected readonly reasons = signal<RecommendationReasonCode[]>([]);
  protected readonly busy = signal(false);
  protected readonly tried = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly typed = new Subject<string>();
  protected readonly valid = computed(() => !!this.traineeId() && this.note().trim().length <= 500);

  constructor() {
    this.typed
      .pipe(
        debounceTime(300),
        startWith(''),
        distinctUntilChanged(),
        switchMap((q) => {
          this.loading.set(true);
          return this.api.matchableTrainees(q.trim()).pipe(catchError(() => of({ items: [] as TraineeListItemDto[] })));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((page) => {
        this.loading.set(false);
        // The server filters on consent; a stale row without it is not offered either.
        this.options.set(page.items.filter((tr) => tr.jobMatchingConsent && !tr.readOnly));
      });
  }

  protected label(tr: TraineeListItemDto): string {
    return `${tr.fullName} · ${tr.homeDivisionName}`;
  }

  protected submit(): void {
    this.tried.set(true);
    const traineeId = this.traineeId();
    if (!traineeId || !this.valid()) return;
    this.busy.set(true);
    this.error.set(null);
    this.api.recommend(this.orderId(), traineeId, this.reasons(), this.note().trim() || undefined).subscribe({
      next: (p) => {
        this.busy.set(false);
        this.recommended.emit(p);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }
}
