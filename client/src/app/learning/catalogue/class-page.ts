import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { AuthStore } from '../../core/auth/auth-store';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { tap } from 'rxjs';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { PagedList } from '../shared/paged';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import { type ClassDto, type ClassEnrolmentDto, type GraduationAuditDto, LIVE_CLASS_STATES, STUDYING_STATES } from '../learning-types';
import { AuditView } from '../shared/audit-view';
import { DecisionForm } from '../shared/decision-form';
import { classStateColor, seatsLeft, today } from '../shared/learning-labels';
import { TraineePicker } from '../shared/trainee-picker';
import { TransferForm } from '../shared/transfer-form';
import { WithdrawForm } from '../shared/withdraw-form';
import { AdminLearningNav } from './admin-learning-nav';

type Dialog =
  | { readonly kind: 'decide'; readonly enrolment: ClassEnrolmentDto }
  | { readonly kind: 'withdraw'; readonly enrolment: ClassEnrolmentDto }
  | { readonly kind: 'transfer'; readonly enrolment: ClassEnrolmentDto }
  | { readonly kind: 'audit'; readonly enrolment: ClassEnrolmentDto };

/**
 * One class for a counsellor (apply for their trainees, follow their places and waitlist positions,
 * withdraw or transfer them) or an admin (decide every application, with CLASS_FULL's advice).
 */
@Component({
  selector: 'jbh-class-page',
  imports: [
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzDescriptionsModule,
    NzIconModule,
    NzModalModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    LoadError,
    AuditView,
    DecisionForm,
    TraineePicker,
    TransferForm,
    WithdrawForm,
    AdminLearningNav,
  ],
  templateUrl: './class-page.html',
  styleUrl: './catalogue.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClassPage {
  /** From the route. */
  readonly id = input.required<string>();

  private readonly api = inject(LearningApi);
  private readonly message = inject(NzMessageService);
  private readonly auth = inject(AuthStore);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly stateColor = classStateColor;
  protected readonly seatsLeft = seatsLeft;
  protected readonly today = today();
  protected readonly isAdmin = computed(() => this.auth.hasRole('admin'));
  protected readonly isCounsellor = computed(() => this.auth.hasRole('counsellor'));

  protected readonly klass = signal<Remote<ClassDto>>(idle());
  /** The roster, a page at a time from the server (issue 12). */
  protected readonly enrolments = new PagedList<ClassEnrolmentDto>((page, pageSize) => this.api.classEnrolments(this.id(), page, pageSize));
  protected readonly allClasses = signal<ClassDto[]>([]);
  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly audit = signal<Remote<GraduationAuditDto>>(idle());
  protected readonly traineeId = signal<string | null>(null);
  protected readonly applying = signal(false);
  protected readonly applyError = signal<ApiError | null>(null);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected load(id = this.id()): void {
    // A transfer stays in the programme: its classes (every one, read 100 at a time) once the class is known.
    loadInto(this.klass, this.api.klass(id).pipe(tap((k) => this.loadTransferTargets(k.programmeId))));
    this.enrolments.reset();
  }

  private loadTransferTargets(programmeId: string): void {
    this.api.allClasses({ programmeId }).subscribe({ next: (list) => this.allClasses.set(list), error: () => undefined });
  }

  protected loadEnrolments(): void {
    this.enrolments.load();
  }

  protected live(e: ClassEnrolmentDto): boolean {
    return LIVE_CLASS_STATES.includes(e.state);
  }

  protected studying(e: ClassEnrolmentDto): boolean {
    return STUDYING_STATES.includes(e.state);
  }

  protected canDecide(e: ClassEnrolmentDto): boolean {
    return this.isAdmin() && (e.state === 'applied' || e.state === 'waitlisted');
  }

  protected apply(): void {
    const traineeId = this.traineeId();
    if (!traineeId) return;
    this.applying.set(true);
    this.applyError.set(null);
    this.api.applyForTrainee(this.id(), traineeId).subscribe({
      next: (e) => {
        this.applying.set(false);
        this.traineeId.set(null);
        this.message.success(this.t('classPage.applied', { name: e.traineeName }));
        this.loadEnrolments();
        loadInto(this.klass, this.api.klass(this.id()));
      },
      error: (err: unknown) => {
        this.applying.set(false);
        this.applyError.set(toApiError(err));
      },
    });
  }

  protected open(kind: Dialog['kind'], enrolment: ClassEnrolmentDto): void {
    this.dialog.set({ kind, enrolment });
    if (kind === 'audit') {
      this.audit.set(idle());
      loadInto(this.audit, this.api.audit(enrolment.id));
    }
  }

  protected close(): void {
    this.dialog.set(null);
  }

  /** After a decision, withdrawal or transfer: the counts and the list change. */
  protected changed(e: ClassEnrolmentDto): void {
    this.dialog.set(null);
    this.message.success(this.t('decision.done', { name: e.traineeName, state: this.t(`classState.${e.state}`) }));
    this.loadEnrolments();
    loadInto(this.klass, this.api.klass(this.id()));
  }

  protected readonly dialogTitle = computed(() => {
    const d = this.dialog();
    if (!d) return '';
    const titles = { decide: 'decision.title', withdraw: 'withdraw.title', transfer: 'transfer.title', audit: 'roster.audit' } as const;
    return `${this.t(titles[d.kind])} · ${d.enrolment.traineeName}`;
  });

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }
}
