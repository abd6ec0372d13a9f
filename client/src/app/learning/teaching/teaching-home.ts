import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type Observable, forkJoin, map, of, switchMap } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { chinaDate } from '../../shared/china-date';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import type { ClassDto, CourseSessionDto } from '../learning-types';
import { today } from '../shared/learning-labels';
import { allPages } from '../shared/paged';

/** What the instructor home's cards count (`/teaching?show=…`): that part comes first, narrowed to it. */
export type TeachingFocus = 'today' | 'attendance' | 'approvals';
const FOCUSES: readonly TeachingFocus[] = ['today', 'attendance', 'approvals'];

/** The enrolment states holding a seat: a session with one of them has students. */
const SEATED = new Set(['enrolled', 'passed', 'failed']);

/**
 * `/teaching`: the classes an instructor heads and the course sessions they teach. There is no
 * "my sessions" endpoint yet, so sessions are read course by course (a catalogue of a few dozen).
 * `?show=today|attendance|approvals` (the home's cards) puts the part counted first, narrowed to
 * what the card counted, with a link back to everything.
 */
@Component({
  selector: 'jbh-teaching-home',
  imports: [NgTemplateOutlet, RouterLink, NzButtonModule, NzCardModule, NzEmptyModule, NzIconModule, NzSpinModule, NzTagModule, LoadError],
  templateUrl: './teaching-home.html',
  styleUrl: './teaching.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeachingHome {
  /** From the address (`?show=`): what the home's card counted. */
  readonly show = input<string | null | undefined>(null);

  private readonly api = inject(LearningApi);
  private readonly user = inject(AuthStore).user;
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly level = this.i18n.level;
  protected readonly today = today();
  /** The server's "today" (China's calendar), so the narrowed lists match the home's counts. */
  private readonly chinaToday = chinaDate();

  protected readonly classes = signal<Remote<ClassDto[]>>(idle());
  protected readonly sessions = signal<Remote<CourseSessionDto[]>>(idle());
  /** Sessions begun with students and no attendance yet (read only for `?show=attendance`). */
  private readonly unrecorded = signal<Remote<ReadonlySet<string>>>(idle());

  protected readonly focus = computed<TeachingFocus | null>(() => {
    const s = this.show();
    return FOCUSES.includes(s as TeachingFocus) ? (s as TeachingFocus) : null;
  });

  /** The classes shown: those with applications waiting when the approvals card opened the page. */
  protected readonly shownClasses = computed<Remote<ClassDto[]>>(() => {
    const all = this.classes();
    if (this.focus() !== 'approvals' || !all.data) return all;
    return { ...all, data: all.data.filter((c) => c.applied > 0) };
  });

  /** The sessions shown: today's, or those waiting for attendance, when a card opened the page. */
  protected readonly shownSessions = computed<Remote<CourseSessionDto[]>>(() => {
    const all = this.sessions();
    const focus = this.focus();
    if (!all.data || (focus !== 'today' && focus !== 'attendance')) return all;
    const day = this.chinaToday;
    if (focus === 'today') return { ...all, data: all.data.filter((s) => s.startsOn <= day && s.endsOn >= day) };
    const waiting = this.unrecorded();
    if (waiting.error) return { ...all, data: null, error: waiting.error };
    return { ...all, data: waiting.data ? all.data.filter((s) => waiting.data!.has(s.id)) : null };
  });

  constructor() {
    this.loadClasses();
    this.loadSessions();
    effect(() => {
      const list = this.sessions().data;
      if (this.focus() !== 'attendance' || !list) return;
      untracked(() => loadInto(this.unrecorded, this.unrecordedOf(list)));
    });
  }

  protected focusKey(prefix: 'focus' | 'none', f: TeachingFocus): `teaching.${'focus' | 'none'}.${TeachingFocus}` {
    return `teaching.${prefix}.${f}`;
  }

  protected loadClasses(): void {
    // An instructor heads a handful of classes: every one of them (read 100 at a time, never cut).
    loadInto(this.classes, this.api.allClasses());
  }

  protected loadSessions(): void {
    const me = this.user()?.id;
    loadInto(
      this.sessions,
      allPages((page, pageSize) => this.api.courses(page, pageSize)).pipe(
        switchMap((courses) => (courses.length ? forkJoin(courses.map((c) => this.api.course(c.id))) : of([]))),
        map((details) => details.flatMap((d) => d.sessions).filter((s) => s.instructorId === me)),
        map((list) => [...list].sort((a, b) => b.startsOn.localeCompare(a.startsOn))),
      ),
    );
  }

  /**
   * As the home counts them: begun before today, with students, and not one attendance mark yet.
   * Only sessions begun with a seat taken are asked about (each one's list, every page of it).
   */
  private unrecordedOf(list: readonly CourseSessionDto[]): Observable<ReadonlySet<string>> {
    const begun = list.filter((s) => s.startsOn < this.chinaToday && s.seatsTaken > 0);
    if (!begun.length) return of(new Set<string>());
    return forkJoin(
      begun.map((s) =>
        this.api
          .allSessionEnrolments(s.id)
          .pipe(map((people) => (people.some((e) => SEATED.has(e.state)) && people.every((e) => e.meetings === 0) ? s.id : null))),
      ),
    ).pipe(map((ids) => new Set(ids.filter((id): id is string => id !== null))));
  }
}
