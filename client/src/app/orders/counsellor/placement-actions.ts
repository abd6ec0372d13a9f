import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { OrdersApi, type PlacementStep, type PlacementStepBody } from '../orders-api';
import { OrdersI18n, type OrdersTextKey } from '../orders-i18n';
import { todayIso } from '../orders-labels';
import type { ConsentTextDto, PlacementDto, RecommendationReasonCode } from '../orders-types';
import { ReasonCheckboxes } from '../shared/recommendation-reasons';

/** What a counsellor may do at each state (mirrors the server's state machine). */
export function counsellorSteps(p: Pick<PlacementDto, 'state' | 'endedOn'>): PlacementStep[] {
  switch (p.state) {
    case 'suggested':
      return ['recommend', 'withdraw'];
    case 'recommended':
      return ['accept', 'decline', 'withdraw'];
    case 'accepted_by_trainee':
    case 'interview':
      return ['decline', 'withdraw'];
    case 'offer':
      return ['hire', 'decline', 'withdraw'];
    case 'hired':
      return p.endedOn ? [] : ['end'];
    default:
      return [];
  }
}

const LABEL: Record<PlacementStep, OrdersTextKey> = {
  recommend: 'pl.recommendSuggestion',
  accept: 'pl.accept',
  decline: 'pl.decline',
  hire: 'pl.hire',
  withdraw: 'pl.withdraw',
  end: 'pl.end',
};

/**
 * The counsellor's next steps on one placement. Acting for a trainee (accept, decline, take the offer)
 * is assisted: accepting needs the reference of the paper form they signed and records the consent
 * text version it agreed to.
 */
@Component({
  selector: 'jbh-placement-actions',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzInputModule, ReasonCheckboxes],
  template: `
    @if (steps().length === 0) {
      <p class="muted">{{ t('pl.noActions') }}</p>
    } @else if (!acting()) {
      <div class="step-actions">
        @for (s of steps(); track s) {
          <button
            nz-button
            type="button"
            [nzType]="s === steps()[0] ? 'primary' : 'default'"
            [nzDanger]="s === 'withdraw'"
            (click)="start(s)"
            [attr.data-testid]="'pl-' + s"
          >
            {{ t(label[s]) }}
          </button>
        }
      </div>
    }
    @if (acting(); as step) {
      <form class="step-form" (ngSubmit)="submit()" novalidate [attr.data-testid]="'pl-form-' + step">
        <h3 class="step-title">{{ t(label[step]) }}</h3>
        @switch (step) {
          @case ('accept') {
            <p class="plain">{{ t('pl.acceptText', { employer: placement().employerName }) }}</p>
            @if (shareText(); as text) {
              <details>
                <summary>{{ t('pl.consentVersion', { version: text.version }) }}</summary>
                <p class="plain">{{ pick(text.textZh, text.textEn) }}</p>
              </details>
            }
            <label class="field">
              <span>{{ t('pl.paperFormRef') }}</span>
              <input
                nz-input
                name="paperFormRef"
                maxlength="60"
                [ngModel]="paperFormRef()"
                (ngModelChange)="paperFormRef.set($event)"
                data-testid="pl-paper-ref"
              />
              @if (tried() && invalid()) {
                <span class="field-error">{{ t('pl.paperFormError') }}</span>
              }
            </label>
          }
          @case ('withdraw') {
            <p class="plain">{{ t('pl.withdrawText') }}</p>
          }
          @case ('hire') {
            <label class="field">
              <span>{{ t('step.hiredOn') }}</span>
              <input
                nz-input
                type="date"
                name="hiredOn"
                [ngModel]="hiredOn()"
                (ngModelChange)="hiredOn.set($event)"
                data-testid="pl-hire-on"
              />
              @if (tried() && invalid()) {
                <span class="field-error">{{ t('validation.required') }}</span>
              }
            </label>
          }
          @case ('end') {
            <label class="field">
              <span>{{ t('step.endedOn') }}</span>
              <input
                nz-input
                type="date"
                name="endedOn"
                [max]="today"
                [ngModel]="endedOn()"
                (ngModelChange)="endedOn.set($event)"
                data-testid="pl-end-on"
              />
            </label>
            <label class="field">
              <span>{{ t('step.reason') }}</span>
              <input
                nz-input
                name="reason"
                maxlength="200"
                [ngModel]="reason()"
                (ngModelChange)="reason.set($event)"
                data-testid="pl-end-reason"
              />
              @if (tried() && invalid()) {
                <span class="field-error">{{ t('step.reasonError') }}</span>
              }
            </label>
          }
        }
        @if (step === 'recommend') {
          <fieldset class="field reasons">
            <legend>{{ t('rec.reasons') }}</legend>
            <span class="muted small">{{ t('rec.reasonsHint') }}</span>
            <jbh-reason-checkboxes [(value)]="reasons" [ariaLabel]="t('rec.reasons')" />
          </fieldset>
        }
        @if (step !== 'end') {
          <label class="field">
            <span>{{ step === 'recommend' ? t('rec.note') : t('step.note') }}</span>
            <input
              nz-input
              name="note"
              maxlength="500"
              [placeholder]="t('step.notePlaceholder')"
              [ngModel]="note()"
              (ngModelChange)="note.set($event)"
            />
            @if (step === 'recommend') {
              <span class="muted small">{{ t('rec.noteHint') }}</span>
            }
          </label>
        }
        @if (error(); as err) {
          <nz-alert nzType="error" nzShowIcon [nzMessage]="pick(err.message, err.messageEn)" role="alert" data-testid="pl-error" />
        }
        <div class="form-actions">
          <button nz-button type="button" (click)="acting.set(null)">{{ t('common.cancel') }}</button>
          <button nz-button nzType="primary" type="submit" [nzDanger]="step === 'withdraw'" [nzLoading]="busy()" data-testid="pl-submit">
            {{ t('common.confirm') }}
          </button>
        </div>
      </form>
    }
  `,
  styles: `
    .step-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .step-form {
      display: grid;
      gap: 10px;
      padding: 12px;
      border: 1px solid #f0d9b5;
      border-radius: 8px;
      background: #fffbf2;
    }
    .step-title {
      margin: 0;
      font-size: 15px;
    }
    .plain {
      margin: 0;
      white-space: pre-wrap;
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
    @media (max-width: 767.98px) {
      .step-actions > * {
        flex: 1 1 45%;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlacementActions {
  readonly placement = input.required<PlacementDto>();
  readonly changed = output<PlacementDto>();

  private readonly api = inject(OrdersApi);
  private readonly i18n = inject(OrdersI18n);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly label = LABEL;
  protected readonly today = todayIso();

  protected readonly steps = computed(() => counsellorSteps(this.placement()));
  protected readonly acting = signal<PlacementStep | null>(null);
  protected readonly busy = signal(false);
  protected readonly tried = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly shareText = signal<ConsentTextDto | null>(null);
  protected readonly paperFormRef = signal('');
  protected readonly hiredOn = signal(todayIso());
  protected readonly endedOn = signal(todayIso());
  protected readonly reason = signal('');
  protected readonly note = signal('');
  protected readonly reasons = signal<RecommendationReasonCode[]>([]);

  protected readonly invalid = computed(() => {
    switch (this.acting()) {
      case 'accept': {
        const ref = this.paperFormRef().trim();
        return ref.length < 2 || ref.length > 60 || !this.shareText();
      }
      case 'hire':
        return !this.hiredOn();
      case 'end': {
        const r = this.reason().trim();
        return !this.endedOn() || r.length < 2 || r.length > 200;
      }
      default:
        return false;
    }
  });

  protected start(step: PlacementStep): void {
    this.acting.set(step);
    this.tried.set(false);
    this.error.set(null);
    if (step === 'accept' && !this.shareText()) {
      this.api
        .shareText()
        .subscribe({ next: (text) => this.shareText.set(text), error: (err: unknown) => this.error.set(toApiError(err)) });
    }
  }

  protected submit(): void {
    const step = this.acting();
    if (!step) return;
    this.tried.set(true);
    if (this.invalid()) return;
    const note = this.note().trim() ? { note: this.note().trim() } : {};
    let body: PlacementStepBody;
    switch (step) {
      case 'accept':
        body = { textVersion: this.shareText()!.version, paperFormRef: this.paperFormRef().trim(), ...note };
        break;
      case 'hire':
        body = { hiredOn: this.hiredOn(), ...note };
        break;
      case 'end':
        body = { endedOn: this.endedOn(), reason: this.reason().trim() };
        break;
      case 'recommend':
        body = { reasons: this.reasons(), ...note };
        break;
      default:
        body = note;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.placementStep(this.placement().id, step, body).subscribe({
      next: (p) => {
        this.busy.set(false);
        this.acting.set(null);
        this.note.set('');
        this.reasons.set([]);
        this.changed.emit(p);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
