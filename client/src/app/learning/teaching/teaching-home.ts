import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { forkJoin, map, of, switchMap } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import type { ClassDto, CourseSessionDto } from '../learning-types';
import { today } from '../shared/learning-labels';
import { allPages } from '../shared/paged';

/**
 * `/teaching`: the classes an instructor heads and the course sessions they teach. There is no
 * "my sessions" endpoint yet, so sessions are read course by course (a catalogue of a few dozen).
 */
@Component({
  selector: 'jbh-teaching-home',
  imports: [RouterLink, NzCardModule, NzEmptyModule, NzIconModule, NzSpinModule, NzTagModule, LoadError],
  templateUrl: './teaching-home.html',
  styleUrl: './teaching.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeachingHome {
  private readonly api = inject(LearningApi);
  private readonly user = inject(AuthStore).user;
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly level = this.i18n.level;
  protected readonly today = today();

  protected readonly classes = signal<Remote<ClassDto[]>>(idle());
  protected readonly sessions = signal<Remote<CourseSessionDto[]>>(idle());

  constructor() {
    this.loadClasses();
    this.loadSessions();
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
}
