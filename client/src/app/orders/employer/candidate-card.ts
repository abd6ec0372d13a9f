import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { type EmployerStep, type EmployerStepBody, OrdersApi } from '../orders-api';
import { OrdersI18n } from '../orders-i18n';
import { placementStateColor, todayIso } from '../orders-labels';
import type { CandidateDto, RecommendationReasonDto, TraineeSkillDto } from '../orders-types';

/** Which of the employer's steps each state allows (mirrors the server's state machine). */
export function employerSteps(c: Pick<CandidateDto, 'state' | 'endedOn'>, orderOpen: boolean): EmployerStep[] {
  switch (c.state) {
    case 'recommended':
      return ['reject'];
    case 'accepted_by_trainee':
      return ['interview', 'offer', 'reject'];
    case 'interview':
      return ['offer', 'reject'];
    case 'offer':
      return orderOpen ? ['hire', 'reject'] : ['reject'];
    case 'hired':
      return c.endedOn ? [] : ['end'];
    default:
      return [];
  }
}

/**
 * One candidate as the employer sees them: a code, skills, certificates, diploma, where they come
 * from and what they want — and, only once the trainee accepted, name and phone. The card says so.
 */
@Component({
  selector: 'jbh-candidate-card',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzIconModule, NzInputModule, NzPopconfirmModule, NzTagModule],
  templateUrl: './candidate-card.html',
  styleUrl: './candidate-card.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CandidateCard {
  readonly candidate = input.required<CandidateDto>();
  readonly orderId = input.required<string>();
  readonly orderOpen = input(true);
  readonly changed = output<CandidateDto>();

  private readonly api = inject(OrdersApi);
  private readonly i18n = inject(OrdersI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly stateColor = placementStateColor;

  protected readonly named = computed(() => this.candidate().fullName !== null);
  protected readonly industryNames = computed(() =>
    this.candidate()
      .preferredIndustries.map((i) => i.name)
      .join(this.i18n.isEnglish() ? ', ' : '、'),
  );
  protected readonly steps = computed(() => employerSteps(this.candidate(), this.orderOpen()));
  protected readonly acting = signal<EmployerStep | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly tried = signal(false);

  // The step forms' fields.
  protected readonly interviewAt = signal('');
  protected readonly interviewPlace = signal('');
  protected readonly offeredWage = signal<number | null>(null);
  protected readonly hiredOn = signal(todayIso());
  protected readonly endedOn = signal(todayIso());
  protected readonly reason = signal('');
  protected readonly note = signal('');
  protected readonly today = todayIso();

  protected readonly invalid = computed((): boolean => {
    switch (this.acting()) {
      case 'interview': {
        const place = this.interviewPlace().trim();
        return !this.interviewAt() || place.length < 2 || place.length > 120;
      }
      case 'offer': {
        const w = this.offeredWage();
        return w === null || !Number.isInteger(Number(w)) || w < 0 || w > 100000;
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

  protected start(step: EmployerStep): void {
    this.acting.set(step);
    this.error.set(null);
    this.tried.set(false);
    if (step === 'offer' && this.offeredWage() === null) this.offeredWage.set(null);
  }

  protected cancel(): void {
    this.acting.set(null);
    this.error.set(null);
  }

  protected submit(): void {
    const step = this.acting();
    if (!step) return;
    this.tried.set(true);
    if (this.invalid()) return;
    this.run(step, this.body(step));
  }

  /** Not hiring needs no form: a confirmation is enough. */
  protected reject(): void {
    this.run('reject', {});
  }

  private body(step: EmployerStep): EmployerStepBody {
    const note = this.note().trim() ? { note: this.note().trim() } : {};
    switch (step) {
      case 'interview':
        return { interviewAt: new Date(this.interviewAt()).toISOString(), interviewPlace: this.interviewPlace().trim(), ...note };
      case 'offer':
        return { offeredWage: Number(this.offeredWage()), ...note };
      case 'hire':
        return { hiredOn: this.hiredOn(), ...note };
      case 'end':
        return { endedOn: this.endedOn(), reason: this.reason().trim() };
      case 'reject':
        return note;
    }
  }

  private run(step: EmployerStep, body: EmployerStepBody): void {
    this.busy.set(true);
    this.error.set(null);
    this.api.candidateStep(this.orderId(), this.candidate().placementId, step, body).subscribe({
      next: (c) => {
        this.busy.set(false);
        this.acting.set(null);
        this.note.set('');
        this.changed.emit(c);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  /** 中式烹调师 · 五级/初级工: only controlled vocabulary reaches an employer. */
  protected skillLabel(s: TraineeSkillDto): string {
    return s.levelName ? `${s.occupationName} · ${s.levelName}` : s.occupationName;
  }

  protected reasonText(r: RecommendationReasonDto): string {
    return this.i18n.isEnglish() ? r.en : r.zh;
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }
}
