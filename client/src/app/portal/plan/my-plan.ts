import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { TraineesI18n } from '../../trainees/trainees-i18n';
import { type MyGoalDto, type MyPlanDto, MyPlanApi, type MyStepDto } from './my-plan-api';
import { MyPlanI18n } from './my-plan-i18n';

interface GoalView {
  readonly goal: MyGoalDto;
  readonly done: number;
  readonly total: number;
  readonly percent: number;
}

/**
 * `/me/plan`: my goals with how far I am, my next steps (a big button to say "done", and to take it
 * back), what others do for me, and when we next look at the plan together.
 */
@Component({
  selector: 'jbh-my-plan',
  imports: [RouterLink, NzAlertModule, NzIconModule, NzSpinModule, LoadError],
  templateUrl: './my-plan.html',
  styleUrls: ['../portal.css', './my-plan.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyPlan {
  private readonly api = inject(MyPlanApi);
  private readonly i18n = inject(MyPlanI18n);
  private readonly trainees = inject(TraineesI18n);
  protected readonly t = this.i18n.t;
  protected readonly back = this.trainees.t;
  protected readonly date = this.i18n.date;
  protected readonly pick = this.i18n.pick;

  protected readonly plan = signal<Remote<MyPlanDto>>(idle());
  protected readonly busy = signal<string | null>(null);
  protected readonly error = signal<ApiError | null>(null);

  protected readonly goals = computed<GoalView[]>(() => {
    const p = this.plan().data;
    if (!p) return [];
    return p.goals.map((goal) => {
      const steps = p.steps.filter((s) => s.goalId === goal.id);
      const done = steps.filter((s) => s.status === 'done').length;
      const percent = goal.status === 'achieved' ? 100 : steps.length ? Math.round((done / steps.length) * 100) : 0;
      return { goal, done, total: steps.length, percent };
    });
  });
  /** My own steps: the ones to do first (soonest first), then the ones done. */
  protected readonly mine = computed(() => {
    const steps = (this.plan().data?.steps ?? []).filter((s) => s.mine);
    return [...steps.filter((s) => s.status === 'open'), ...steps.filter((s) => s.status === 'done')];
  });
  protected readonly others = computed(() => (this.plan().data?.steps ?? []).filter((s) => !s.mine));
  protected readonly progress = computed(() => {
    const steps = this.plan().data?.steps ?? [];
    const done = steps.filter((s) => s.status === 'done').length;
    return { done, total: steps.length, percent: steps.length ? Math.round((done / steps.length) * 100) : 0 };
  });
  protected readonly empty = computed(() => {
    const p = this.plan().data;
    return !!p && p.goals.length === 0 && p.steps.length === 0;
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    loadInto(this.plan, this.api.get());
  }

  protected title(step: MyStepDto): string {
    return this.pick(step.title, step.titleEn);
  }

  protected goalTitle(goal: MyGoalDto): string {
    return this.pick(goal.title, goal.titleEn);
  }

  protected ownerText(step: MyStepDto): string {
    return step.owner === 'station' ? this.t('myPlan.owner.station') : this.t('myPlan.owner.counsellor');
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected mark(step: MyStepDto, done: boolean): void {
    this.busy.set(step.id);
    this.error.set(null);
    (done ? this.api.done(step.id) : this.api.undone(step.id)).subscribe({
      next: (plan) => {
        this.busy.set(null);
        this.plan.set({ loading: false, data: plan, error: null });
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.error.set(toApiError(err));
      },
    });
  }
}
