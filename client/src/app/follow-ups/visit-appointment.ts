import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { type FollowUpVisitDto, FollowUpsApi } from './follow-ups-api';
import { FollowUpsI18n } from './follow-ups-i18n';

/** Appointments are agreed in China time, whatever zone the phone is set to. */
const CHINA = 'Asia/Shanghai';

/** "2026-12-09T14:30" (a datetime-local value, China time) for an instant. */
function chinaLocal(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: CHINA,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '00';
  return `${p('year')}-${p('month')}-${p('day')}T${p('hour')}:${p('minute')}`;
}

/**
 * 约时间: books (or changes, or cancels) the time agreed with the person for a planned visit, on the
 * visit's card. The server reminds the person in neutral words; the card shows the booked time.
 */
@Component({
  selector: 'jbh-visit-appointment',
  imports: [FormsModule, NzAlertModule, NzButtonModule],
  template: `
    <div class="appt" data-testid="visit-appointment">
      @if (!editing()) {
        <div class="appt-line">
          @if (visit().appointmentAt; as at) {
            <span class="appt-at" data-testid="appointment-at">{{ t('appt.at', { at: shown(at) }) }}</span>
          }
          <button nz-button type="button" class="appt-btn" (click)="open()" data-testid="appointment-book">
            {{ visit().appointmentAt ? t('appt.change') : t('appt.book') }}
          </button>
          @if (visit().appointmentAt) {
            <button
              nz-button
              nzType="text"
              type="button"
              class="appt-btn"
              [nzLoading]="busy()"
              (click)="clear()"
              data-testid="appointment-clear"
            >
              {{ t('appt.clear') }}
            </button>
          }
        </div>
      } @else {
        <form class="appt-form" (ngSubmit)="save()">
          <label class="appt-label" [for]="inputId()">{{ t('appt.label') }}</label>
          <input
            class="ant-input appt-input"
            type="datetime-local"
            name="at"
            [id]="inputId()"
            [min]="min()"
            [(ngModel)]="value"
            required
            data-testid="appointment-input"
          />
          <p class="muted appt-hint">{{ t('appt.hint') }}</p>
          <div class="appt-actions">
            <button nz-button type="button" class="appt-btn" (click)="editing.set(false)">{{ t('appt.cancel') }}</button>
            <button nz-button nzType="primary" type="submit" class="appt-btn" [nzLoading]="busy()" data-testid="appointment-save">
              {{ t('appt.save') }}
            </button>
          </div>
        </form>
      }
      @if (error(); as err) {
        <nz-alert nzType="error" nzShowIcon [nzMessage]="i18n.errorMessage(err)" role="alert" data-testid="appointment-error" />
      }
      @if (said(); as s) {
        <p class="appt-said" role="status" data-testid="appointment-said">{{ s }}</p>
      }
    </div>
  `,
  styles: `
    .appt {
      margin: 8px 0 12px;
    }
    .appt-line,
    .appt-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .appt-actions {
      justify-content: flex-end;
      margin-top: 8px;
    }
    .appt-at {
      font-weight: 600;
      margin-right: 4px;
    }
    .appt-btn {
      min-height: 48px;
    }
    .appt-label {
      display: block;
      font-weight: 600;
      margin-bottom: 4px;
    }
    .appt-input {
      min-height: 48px;
      font-size: 16px;
      width: 100%;
    }
    .appt-hint,
    .appt-said {
      margin: 6px 0 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VisitAppointment {
  readonly visit = input.required<FollowUpVisitDto>();
  /** The visit as the server now has it (the page replaces its card). */
  readonly changed = output<FollowUpVisitDto>();

  protected readonly i18n = inject(FollowUpsI18n);
  protected readonly t = this.i18n.t;
  private readonly api = inject(FollowUpsApi);

  protected readonly editing = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly said = signal<string | null>(null);
  protected readonly inputId = computed(() => `appt-${this.visit().id}`);
  protected readonly min = signal(chinaLocal(new Date()));
  protected value = '';

  /** "12月9日 14:30" / "Dec 9, 14:30", in China time. */
  protected shown(iso: string): string {
    return new Intl.DateTimeFormat(this.i18n.isEnglish() ? 'en' : 'zh-CN', {
      timeZone: CHINA,
      month: 'short',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));
  }

  protected open(): void {
    const at = this.visit().appointmentAt;
    this.min.set(chinaLocal(new Date()));
    this.value = at ? chinaLocal(new Date(at)) : '';
    this.error.set(null);
    this.said.set(null);
    this.editing.set(true);
  }

  protected save(): void {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(this.value)) {
      this.said.set(this.t('appt.pick'));
      return;
    }
    // The wall-clock time the person and the counsellor agreed, in China time, sent with its offset.
    const at = `${this.value}:00+08:00`;
    this.run(this.api.setAppointment(this.visit().id, at), (v) => this.t('appt.saved', { at: this.shown(v.appointmentAt ?? at) }));
  }

  protected clear(): void {
    this.run(this.api.clearAppointment(this.visit().id), () => this.t('appt.cleared'));
  }

  private run(call: ReturnType<FollowUpsApi['clearAppointment']>, say: (v: FollowUpVisitDto) => string): void {
    this.busy.set(true);
    this.error.set(null);
    this.said.set(null);
    call.subscribe({
      next: (v) => {
        this.busy.set(false);
        this.editing.set(false);
        this.said.set(say(v));
        this.changed.emit(v);
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(e));
      },
    });
  }
}
