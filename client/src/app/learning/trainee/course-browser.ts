import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';
import { toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import type { CourseDetailDto, CourseDto, CourseRecommendationDto, CourseSessionDto, SessionEnrolmentDto } from '../learning-types';

/** One recommended course, with every reason (an order may be open in several places). */
export interface Recommendation {
  readonly first: CourseRecommendationDto;
  readonly reasons: readonly CourseRecommendationDto[];
}

/** Groups the server's rows (one per course × division) by course, nearest first as the server sorted them. */
export function groupRecommendations(rows: readonly CourseRecommendationDto[]): Recommendation[] {
  const byCourse = new Map<string, CourseRecommendationDto[]>();
  for (const r of rows) byCourse.set(r.courseId, [...(byCourse.get(r.courseId) ?? []), r]);
  return [...byCourse.values()].map((reasons) => ({ first: reasons[0]!, reasons }));
}
import { seatsLeft, sessionStateColor, today } from '../shared/learning-labels';
import { PagedList } from '../shared/paged';

/** `/learning/courses`: skills courses a trainee can join, each with its sessions and seats left. */
@Component({
  selector: 'jbh-course-browser',
  imports: [FormsModule, RouterLink, NzButtonModule, NzIconModule, NzInputModule, NzPaginationModule, NzSpinModule, NzTagModule, LoadError],
  templateUrl: './course-browser.html',
  styleUrls: ['./my-learning.css', './course-browser.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CourseBrowser {
  private readonly api = inject(LearningApi);
  private readonly message = inject(NzMessageService);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly pick = this.i18n.pick;
  protected readonly level = this.i18n.level;
  protected readonly seatsLeft = seatsLeft;
  protected readonly stateColor = sessionStateColor;

  protected readonly query = signal('');
  /** A page at a time from the server (issue 12); a new search starts again at page 1. */
  protected readonly courses = new PagedList<CourseDto>((page, pageSize) => this.api.courses(page, pageSize, { q: this.query().trim() }));
  private readonly mine = signal<SessionEnrolmentDto[]>([]);
  protected readonly open = signal<string | null>(null);
  protected readonly details = signal<Readonly<Record<string, Remote<CourseDetailDto>>>>({});
  protected readonly enrolling = signal<string | null>(null);
  /** "精准": what open orders ask for and the trainee lacks. Hidden when there is none (or it fails). */
  protected readonly recommendations = signal<Recommendation[]>([]);
  private readonly typed = new Subject<string>();
  private readonly today = today();

  /** My live enrolment per session (withdrawn ones do not count). */
  protected readonly mineBySession = computed(() => {
    const map = new Map<string, SessionEnrolmentDto>();
    for (const e of this.mine()) if (e.state !== 'withdrawn') map.set(e.sessionId, e);
    return map;
  });

  constructor() {
    this.load();
    this.loadMine();
    this.api
      .myRecommendations()
      .subscribe({ next: (rows) => this.recommendations.set(groupRecommendations(rows)), error: () => undefined });
    this.typed.pipe(debounceTime(350), distinctUntilChanged(), takeUntilDestroyed()).subscribe(() => this.courses.reset());
  }

  protected search(q: string): void {
    this.query.set(q);
    this.typed.next(q);
  }

  protected load(): void {
    this.courses.load();
  }

  protected toggle(course: CourseDto): void {
    if (this.open() === course.id) {
      this.open.set(null);
      return;
    }
    this.open.set(course.id);
    if (!this.details()[course.id]?.data) this.loadDetail(course.id);
  }

  protected detail(courseId: string): Remote<CourseDetailDto> {
    return this.details()[courseId] ?? idle();
  }

  /** Sessions that have not ended: the only ones open to enrolment. */
  protected openSessions(detail: CourseDetailDto): CourseSessionDto[] {
    return detail.sessions.filter((s) => s.endsOn >= this.today);
  }

  protected enrol(session: CourseSessionDto): void {
    this.enrolIn(session.id, session.courseId);
  }

  protected enrolIn(sessionId: string, courseId: string): void {
    this.enrolling.set(sessionId);
    this.api.enrolMe(sessionId).subscribe({
      next: (e) => {
        this.enrolling.set(null);
        this.message.success(
          e.state === 'waitlisted' ? this.t('browse.waitlisted', { n: e.waitlistPosition ?? '?' }) : this.t('browse.enrolled'),
        );
        this.loadMine();
        if (this.details()[courseId]) this.loadDetail(courseId);
      },
      error: (err: unknown) => {
        this.enrolling.set(null);
        this.message.error(this.i18n.errorMessage(toApiError(err)));
      },
    });
  }

  protected loadDetail(courseId: string): void {
    const target = signal<Remote<CourseDetailDto>>(this.detail(courseId));
    const put = () => this.details.update((all) => ({ ...all, [courseId]: target() }));
    loadInto(target, this.api.course(courseId)).add(put);
    put();
  }

  private loadMine(): void {
    this.api.mySessionEnrolments().subscribe({ next: (list) => this.mine.set(list), error: () => undefined });
  }
}
