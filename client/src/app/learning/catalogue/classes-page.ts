import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { AuthStore } from '../../core/auth/auth-store';
import { LoadError } from '../../shared/load-error';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import type { ClassDto } from '../learning-types';
import { seatsLeft, today } from '../shared/learning-labels';
import { PagedList } from '../shared/paged';
import { AdminLearningNav } from './admin-learning-nav';
import { ClassForm } from './forms/class-form';

/** The 中专 classes: seats, waitlist and applications at a glance. Admins create classes here. */
@Component({
  selector: 'jbh-classes-page',
  imports: [RouterLink, NzButtonModule, NzIconModule, NzModalModule, NzTableModule, NzTagModule, LoadError, AdminLearningNav, ClassForm],
  templateUrl: './classes-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClassesPage {
  private readonly api = inject(LearningApi);
  private readonly message = inject(NzMessageService);
  private readonly auth = inject(AuthStore);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly seatsLeft = seatsLeft;
  protected readonly today = today();
  protected readonly isAdmin = computed(() => this.auth.hasRole('admin'));

  /** A page at a time from the server (issue 12): the table asks for the next page. */
  protected readonly classes = new PagedList<ClassDto>((page, pageSize) => this.api.classes(page, pageSize));
  protected readonly creating = signal(false);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.classes.load();
  }

  protected created(c: ClassDto): void {
    this.creating.set(false);
    this.message.success(this.t('classes.created', { name: c.name }));
    this.load();
  }
}
