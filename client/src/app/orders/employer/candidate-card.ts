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
import { EmployerPipelineApi } from './employer-pipeline-api';

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
 * The step that moves a candidate on, shown as the primary button: 安排面试 once accepted, the offer
 * after the interview, the hire after the offer. Recording a departure (end) and not hiring (reject)
 * are never the primary act.
 */
export function primaryStep(steps: readonly EmployerStep[]): EmployerStep | null {
  return steps.find((s) => s !== 'reject' && s !== 'end') ?? null;
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
  private readonly pipeline = inject(EmployerPipelineApi);
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
  protected readonly primary = computed(() => primaryStep(this.steps()));
  /** The other forward steps and, on a hired card, recording a departure: plain buttons. */
  protected readonly secondary = computed(() => this.steps().filter((s) => s !== 'reject' && s !== this.primary()));
  protected readonly canReject = computed(() => this.steps().includes('reject'));
  /** Accepted or later but no name: the trainee did not (or no longer) agree to share it with this employer. */
  protected readonly withheld = computed(() => !this.named() && this.candidate().state !== 'recommended');
  protected readonly summary = computed(() => {
    const c = this.candidate();
    const sep = this.i18n.isEnglish() ? ', ' : '、';
    return [c.skills.map((s) => this.skillLabel(s)).join(sep), c.divisionName].filter((x) => !!x).join(' · ');
  });
  /** The full record is folded away; opening it is what makes a new candidate no longer new. */
  protected readonly open = signal(false);
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

  protected toggle(): void {
    const opening = !this.open();
    this.open.set(opening);
    if (opening && this.candidate().isNew) {
      this.pipeline.seen(this.orderId(), this.candidate().placementId).subscribe({
        next: (c) => this.changed.emit(c),
        error: () => undefined, // still new next time; nothing the employer must do
      });
    }
  }

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

  /** 中式烹调师 · 五级（初级工） / … · Level 5 (entry): only controlled vocabulary reaches an employer. */
  protected skillLabel(s: TraineeSkillDto): string {
    const level = s.level ? this.i18n.level(s.level) : s.levelName;
    return level ? `${s.occupationName} · ${level}` : s.occupationName;
  }

  /**
   * A certificate's level in the page's language. The certificate DTO carries only the Chinese name
   * (五级/初级工), so its leading numeral gives the number; anything else is shown as sent.
   */
  protected certificateLevel(levelName: string): string {
    const n = '一二三四五'.indexOf(levelName.charAt(0)) + 1;
    return n > 0 && levelName.charAt(1) === '级' ? this.i18n.level(n) : levelName;
  }

  protected reasonText(r: RecommendationReasonDto): string {
    return this.i18n.isEnglish() ? r.en : r.zh;
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }
}
