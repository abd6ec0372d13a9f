import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { toApiError } from '../../core/errors/api-error';
import { ListSkeleton } from '../../shared/list-skeleton';
import { LoadError } from '../../shared/load-error';
import { ScrollRegion } from '../../shared/scroll-region';
import { JobsI18n } from './jobs-i18n';
import { JobsStore } from './jobs-store';
import type { FailedJobDto } from './jobs-types';

/** 系统管理员: background jobs that failed after their retries, each with a button to run it once more. */
@Component({
  selector: 'jbh-jobs-page',
  imports: [NzTableModule, NzButtonModule, NzIconModule, NzTagModule, NzPopconfirmModule, ListSkeleton, LoadError, ScrollRegion],
  templateUrl: './jobs-page.html',
  styleUrl: './jobs-page.css',
  providers: [JobsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobsPage {
  protected readonly store = inject(JobsStore);
  protected readonly i18n = inject(JobsI18n);
  private readonly message = inject(NzMessageService);
  protected readonly t = this.i18n.t;
  protected readonly dateTime = this.i18n.dateTime;
  /** The job whose retry is on its way (its button spins). */
  protected readonly retrying = signal<string | null>(null);

  constructor() {
    this.store.load();
  }

  protected refs(job: FailedJobDto): { key: string; value: string }[] {
    return Object.entries(job.refs).map(([key, value]) => ({ key, value }));
  }

  /** The one-line cells' tooltips: the whole of what the cell may cut short (the ids in full). */
  protected nameTitle(job: FailedJobDto): string {
    const name = `${this.i18n.jobName(job.name)} · ${job.name}`;
    return job.deadLetter ? `${name} · ${this.t('jobs.deadLettered')}` : name;
  }

  protected refsTitle(job: FailedJobDto): string {
    return this.refs(job)
      .map((ref) => `${ref.key}: ${ref.value}`)
      .join('\n');
  }

  protected retry(job: FailedJobDto): void {
    this.retrying.set(job.id);
    this.store.retry(job.id).subscribe({
      next: () => {
        this.retrying.set(null);
        this.message.success(this.t('jobs.retried'));
      },
      error: (err: unknown) => {
        this.retrying.set(null);
        this.message.error(this.i18n.errorMessage(toApiError(err)));
        this.store.load();
      },
    });
  }
}
