import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { LearningI18n } from '../learning-i18n';
import { STUDYING_STATES, type ClassEnrolmentDto } from '../learning-types';
import { AuditView } from '../shared/audit-view';
import { classStateColor, sessionStateColor } from '../shared/learning-labels';
import { type MyCourse, MyLearningStore } from './my-learning-store';

/**
 * `/learning` for a trainee, phone first: the diploma class with its audit in plain words, the
 * skills courses, and every certificate and diploma earned.
 */
@Component({
  selector: 'jbh-my-learning',
  imports: [RouterLink, NzButtonModule, NzIconModule, NzSpinModule, NzTagModule, LoadError, AuditView],
  templateUrl: './my-learning.html',
  styleUrl: './my-learning.css',
  providers: [MyLearningStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyLearning {
  protected readonly store = inject(MyLearningStore);
  private readonly message = inject(NzMessageService);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly level = this.i18n.level;
  protected readonly classColor = classStateColor;
  protected readonly sessionColor = sessionStateColor;
  /** The course enrolment whose "leave?" question is open. */
  protected readonly confirming = signal<string | null>(null);
  protected readonly leaving = signal(false);

  constructor() {
    this.store.load();
  }

  /** Studying or graduated: the audit is worth showing. */
  protected hasAudit(e: ClassEnrolmentDto): boolean {
    return STUDYING_STATES.includes(e.state) || e.state === 'graduated';
  }

  protected canLeave(course: MyCourse): boolean {
    return course.enrolment.state === 'enrolled' || course.enrolment.state === 'waitlisted';
  }

  protected leave(course: MyCourse): void {
    this.leaving.set(true);
    this.store.withdrawFromSession(course.enrolment.id).subscribe({
      next: () => {
        this.leaving.set(false);
        this.confirming.set(null);
        this.message.success(this.t('myCourses.left'));
        this.store.loadCourses();
      },
      error: (err: unknown) => {
        this.leaving.set(false);
        this.message.error(this.i18n.errorMessage(toApiError(err)));
      },
    });
  }
}
