import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { LoadError } from '../../shared/load-error';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import { type CourseDto, SKILL_LEVELS } from '../learning-types';
import { PagedList } from '../shared/paged';
import { AdminLearningNav } from './admin-learning-nav';
import { CourseForm } from './forms/course-form';

/** The skills-course catalogue, searchable by title or occupation and filtered by level. Admins add courses. */
@Component({
  selector: 'jbh-courses-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSelectModule,
    NzTableModule,
    LoadError,
    AdminLearningNav,
    CourseForm,
  ],
  templateUrl: './courses-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoursesPage {
  private readonly api = inject(LearningApi);
  private readonly message = inject(NzMessageService);
  private readonly auth = inject(AuthStore);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly level = this.i18n.level;
  protected readonly levels = SKILL_LEVELS;
  protected readonly isAdmin = computed(() => this.auth.hasRole('admin'));

  protected readonly query = signal('');
  protected readonly levelFilter = signal<number | null>(null);
  /** A page at a time from the server (issue 12); a new search or level starts again at page 1. */
  protected readonly courses = new PagedList<CourseDto>((page, pageSize) =>
    this.api.courses(page, pageSize, { q: this.query().trim(), level: this.levelFilter() }),
  );
  protected readonly creating = signal(false);
  private readonly typed = new Subject<string>();

  constructor() {
    this.load();
    this.typed.pipe(debounceTime(350), distinctUntilChanged(), takeUntilDestroyed()).subscribe(() => this.courses.reset());
  }

  protected search(q: string): void {
    this.query.set(q);
    this.typed.next(q);
  }

  protected filterLevel(level: number | null): void {
    this.levelFilter.set(level);
    this.courses.reset();
  }

  protected load(): void {
    this.courses.load();
  }

  protected created(c: CourseDto): void {
    this.creating.set(false);
    this.message.success(this.t('courses.created', { name: c.title }));
    this.load();
  }
}
