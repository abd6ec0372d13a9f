import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { Observable } from 'rxjs';
import { ErrorNotifier } from '../../core/errors/error-notifier';
import { chinaDate } from '../../shared/china-date';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { TraineeFileStore } from '../file/trainee-file-store';
import { ActionForm } from './action-form';
import { AssessmentForm } from './assessment-form';
import {
  NEED_AREAS,
  type NeedArea,
  PlanI18n,
  actionStatusKey,
  areaKey,
  blockerKey,
  goalKindKey,
  goalStatusKey,
  levelKey,
  needKey,
  ownerKey,
  stageKey,
} from './plan-i18n';
import { groupActions, nextReview, pendingReview, planProgress, stageFor } from './plan-view';
import { type PlanActionDto, type PlanDto, type PlanGoalDto, PlansApi } from './plans-api';
import type { PlanKey } from './plan-zh';

type Panel = 'assess' | 'goal' | 'action' | 'review' | null;

/** The personal plan (个人回归计划) of one trainee: blockers, needs, goals, steps and reviews. */
@Component({
  selector: 'jbh-plan-section',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzSpinModule,
    NzTagModule,
    LoadError,
    ActionForm,
    AssessmentForm,
  ],
  templateUrl: './plan-section.html',
  styleUrl: './plan.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanSection {
  readonly traineeId = input.required<string>();

  private readonly api = inject(PlansApi);
  private readonly i18n = inject(PlanI18n);
  private readonly store = inject(TraineeFileStore, { optional: true });
  private readonly message = inject(NzMessageService);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly pick = this.i18n.pick;
  protected readonly areaKey = areaKey;
  protected readonly needKey = needKey;
  protected readonly levelKey = levelKey;
  protected readonly ownerKey = ownerKey;
  protected readonly actionStatusKey = actionStatusKey;
  protected readonly goalStatusKey = goalStatusKey;
  protected readonly goalKindKey = goalKindKey;
  protected readonly stageKey = stageKey;
  protected readonly blockerKey = blockerKey;
  protected readonly areas = NEED_AREAS;
  protected readonly today = chinaDate(new Date());

  protected readonly plan = signal<Remote<PlanDto>>(idle());
  protected readonly panel = signal<Panel>(null);
  protected readonly busy = signal<string | null>(null);

  /** Only the holding organisation's counsellors change a plan; admins and the releasing facility read it. */
  protected readonly editable = computed(() => this.store?.editable() ?? false);
  protected readonly stage = computed(() => stageFor(this.store?.trainee().data?.state));
  protected readonly progress = computed(() => planProgress(this.plan().data?.actions ?? []));
  protected readonly groups = computed(() => {
    const p = this.plan().data;
    return p ? groupActions(p) : [];
  });
  protected readonly next = computed(() => nextReview(this.plan().data?.reviews ?? [], this.today));
  protected readonly olderVersions = computed(() => (this.plan().data?.versions ?? []).slice(1));
  protected readonly reviewsNewestFirst = computed(() =>
    [...(this.plan().data?.reviews ?? [])].sort((a, b) => (b.heldOn ?? b.dueOn).localeCompare(a.heldOn ?? a.dueOn)),
  );

  // Drafts of the small forms.
  protected readonly goalTitle = signal('');
  protected readonly goalTarget = signal('');
  protected readonly reviewHeldOn = signal(this.today);
  protected readonly reviewSummary = signal('');
  protected readonly reviewNext = signal('');

  constructor() {
    effect(() => {
      const id = this.traineeId();
      untracked(() => this.load(id));
    });
  }

  protected load(id = this.traineeId()): void {
    loadInto(this.plan, this.api.get(id));
  }

  protected open(panel: Panel): void {
    this.panel.set(this.panel() === panel ? null : panel);
  }

  protected areaOf(plan: PlanDto, area: NeedArea) {
    return plan.assessment?.areas.find((a) => a.area === area) ?? null;
  }

  protected urgentText(areas: readonly NeedArea[]): string {
    return areas.length
      ? this.t('needs.urgentAreas', { areas: areas.map((a) => this.t(areaKey(a))).join(this.i18n.isEnglish() ? ', ' : '、') })
      : this.t('needs.noUrgent');
  }

  protected goalTitleOf(goal: PlanGoalDto): string {
    return this.pick(goal.title, goal.titleEn);
  }

  protected actionTitle(a: PlanActionDto): string {
    return this.pick(a.title, a.titleEn);
  }

  protected statusColor(a: PlanActionDto): string {
    return a.status === 'done' ? 'green' : a.status === 'cancelled' ? 'default' : a.markedByTrainee ? 'blue' : 'orange';
  }

  protected goalColor(g: PlanGoalDto): string {
    return g.status === 'achieved' ? 'green' : g.status === 'dropped' ? 'default' : 'gold';
  }

  protected assessed(plan: PlanDto): void {
    this.plan.set({ loading: false, data: plan, error: null });
    this.panel.set(null);
    this.message.success(this.t('assess.saved', { version: plan.assessment?.version ?? '' }));
  }

  protected actionAdded(): void {
    this.panel.set(null);
    this.message.success(this.t('actions.added'));
    this.load();
  }

  protected setAction(a: PlanActionDto, status: PlanActionDto['status']): void {
    this.write(`action:${a.id}`, this.api.updateAction(this.traineeId(), a.id, { status }), 'actions.updated');
  }

  protected setGoal(g: PlanGoalDto, status: PlanGoalDto['status']): void {
    this.write(`goal:${g.id}`, this.api.updateGoal(this.traineeId(), g.id, { status }), 'goals.updated');
  }

  protected addGoal(): void {
    const title = this.goalTitle().trim();
    if (!title) return;
    const dto = { kind: 'own' as const, title, ...(this.goalTarget() ? { targetOn: this.goalTarget() } : {}) };
    this.write('goal:new', this.api.addGoal(this.traineeId(), dto), 'goals.added', () => {
      this.goalTitle.set('');
      this.goalTarget.set('');
      this.panel.set(null);
    });
  }

  /**
   * Records a review held: fills in the review that was due (or adds one held today), and when a
   * next date is given, puts that review in the diary.
   */
  protected recordReview(plan: PlanDto): void {
    const heldOn = this.reviewHeldOn();
    if (!heldOn) return;
    const summary = this.reviewSummary().trim();
    const nextOn = this.reviewNext();
    const body = { heldOn, ...(summary ? { summary } : {}), ...(nextOn ? { nextReviewOn: nextOn } : {}) };
    const due = pendingReview(plan.reviews);
    const held$: Observable<unknown> = due
      ? this.api.updateReview(this.traineeId(), due.id, body)
      : this.api.addReview(this.traineeId(), { dueOn: heldOn, ...body });
    this.busy.set('review');
    held$.subscribe({
      next: () => {
        const after = () => {
          this.busy.set(null);
          this.reviewSummary.set('');
          this.reviewNext.set('');
          this.panel.set(null);
          this.message.success(this.t('reviews.saved'));
          this.load();
        };
        if (!nextOn) return after();
        this.api.addReview(this.traineeId(), { dueOn: nextOn }).subscribe({ next: after, error: (e: unknown) => this.failed(e) });
      },
      error: (e: unknown) => this.failed(e),
    });
  }

  private write(key: string, request: Observable<unknown>, done: PlanKey, then?: () => void): void {
    this.busy.set(key);
    request.subscribe({
      next: () => {
        this.busy.set(null);
        then?.();
        this.message.success(this.t(done));
        this.load();
      },
      error: (e: unknown) => this.failed(e),
    });
  }

  private failed(error: unknown): void {
    this.busy.set(null);
    this.notifier.show(error);
  }
}
