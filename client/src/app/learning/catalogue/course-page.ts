import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { AuthStore } from '../../core/auth/auth-store';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import type { CourseDetailDto, CourseSessionDto, SessionEnrolmentDto, SessionEnrolmentPageDto } from '../learning-types';
import { seatsLeft, sessionStateColor } from '../shared/learning-labels';
import { TraineePicker } from '../shared/trainee-picker';
import { AdminLearningNav } from './admin-learning-nav';
import { SessionForm } from './forms/session-form';

/** Rows of a session's list shown at once under its session. */
const ROSTER_PAGE_SIZE = 20;

/**
 * A course and its sessions. Counsellors enrol their trainees (a seat, or the waitlist when full) and
 * follow or withdraw them; admins see every list and add sessions.
 */
@Component({
  selector: 'jbh-course-page',
  imports: [
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzModalModule,
    NzPaginationModule,
    NzSpinModule,
    NzTagModule,
    LoadError,
    TraineePicker,
    AdminLearningNav,
    SessionForm,
  ],
  templateUrl: './course-page.html',
  styleUrl: './catalogue.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoursePage {
  /** From the route. */
  readonly id = input.required<string>();

  private readonly api = inject(LearningApi);
  private readonly message = inject(NzMessageService);
  private readonly auth = inject(AuthStore);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly level = this.i18n.level;
  protected readonly seatsLeft = seatsLeft;
  protected readonly stateColor = sessionStateColor;
  protected readonly isAdmin = computed(() => this.auth.hasRole('admin'));
  protected readonly isCounsellor = computed(() => this.auth.hasRole('counsellor'));

  protected readonly course = signal<Remote<CourseDetailDto>>(idle());
  /** Each open session list: one page of it from the server (issue 12). */
  protected readonly rosters = signal<Readonly<Record<string, Remote<SessionEnrolmentPageDto>>>>({});
  protected readonly rosterPageSize = ROSTER_PAGE_SIZE;
  protected readonly enrolFor = signal<CourseSessionDto | null>(null);
  protected readonly creatingSession = signal(false);
  protected readonly traineeId = signal<string | null>(null);
  protected readonly enrolling = signal(false);
  protected readonly enrolError = signal<ApiError | null>(null);
  protected readonly confirmingWithdraw = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected load(id = this.id()): void {
    loadInto(this.course, this.api.course(id));
  }

  protected roster(sessionId: string): Remote<SessionEnrolmentPageDto> | undefined {
    return this.rosters()[sessionId];
  }

  protected toggleRoster(sessionId: string): void {
    if (this.rosters()[sessionId]) {
      this.rosters.update((all) => Object.fromEntries(Object.entries(all).filter(([k]) => k !== sessionId)));
      return;
    }
    this.loadRoster(sessionId);
  }

  /** Loads a page of a session's list (by default the page it shows, else the first). */
  protected loadRoster(sessionId: string, page = this.rosters()[sessionId]?.data?.page ?? 1): void {
    const target = signal<Remote<SessionEnrolmentPageDto>>(this.rosters()[sessionId] ?? { loading: true, data: null, error: null });
    const put = () => this.rosters.update((all) => ({ ...all, [sessionId]: target() }));
    put();
    loadInto(target, this.api.sessionEnrolments(sessionId, page, ROSTER_PAGE_SIZE)).add(put);
  }

  protected openEnrol(session: CourseSessionDto): void {
    this.traineeId.set(null);
    this.enrolError.set(null);
    this.enrolFor.set(session);
  }

  protected enrol(): void {
    const session = this.enrolFor();
    const traineeId = this.traineeId();
    if (!session || !traineeId) return;
    this.enrolling.set(true);
    this.enrolError.set(null);
    this.api.enrolTrainee(session.id, traineeId).subscribe({
      next: (e) => {
        this.enrolling.set(false);
        this.enrolFor.set(null);
        this.message.success(
          e.state === 'waitlisted'
            ? this.t('coursePage.waitlisted', { name: e.traineeName, n: e.waitlistPosition ?? '?' })
            : this.t('coursePage.enrolled', { name: e.traineeName }),
        );
        this.load();
        this.loadRoster(session.id);
      },
      error: (err: unknown) => {
        this.enrolling.set(false);
        this.enrolError.set(toApiError(err));
      },
    });
  }

  protected withdraw(e: SessionEnrolmentDto): void {
    if (this.confirmingWithdraw() !== e.id) {
      this.confirmingWithdraw.set(e.id);
      return;
    }
    this.api.withdrawFromSession(e.id).subscribe({
      next: () => {
        this.confirmingWithdraw.set(null);
        this.message.success(this.t('coursePage.withdrawn', { name: e.traineeName }));
        this.load();
        this.loadRoster(e.sessionId);
      },
      error: (err: unknown) => this.message.error(this.i18n.errorMessage(toApiError(err))),
    });
  }

  protected sessionCreated(): void {
    this.creatingSession.set(false);
    this.message.success(this.t('sessions.created'));
    this.load();
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }
}
