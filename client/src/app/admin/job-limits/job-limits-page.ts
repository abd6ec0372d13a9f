import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { Subscription } from 'rxjs';
import { tap } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { Viewport } from '../../shared/viewport';
import { JobLimitForm } from './job-limit-form';
import { type JobLimitDto, type JobLimitPageDto, type JobLimitQuery, JobLimitsApi } from './job-limits-api';
import { JobLimitsI18n } from './job-limits-i18n';

type Dialog = { readonly kind: 'create' } | { readonly kind: 'edit'; readonly rule: JobLimitDto };

/**
 * 系统管理员: the 从业限制 rules matching applies (occupations a person may not take up for some years
 * after release, or ever). Add, edit, deactivate (kept, and reactivatable).
 */
@Component({
  selector: 'jbh-job-limits-page',
  imports: [
    FormsModule,
    NgTemplateOutlet,
    NzButtonModule,
    NzCheckboxModule,
    NzIconModule,
    NzModalModule,
    NzPaginationModule,
    NzPopconfirmModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    LoadError,
    JobLimitForm,
  ],
  templateUrl: './job-limits-page.html',
  styles: `
    .intro {
      margin-bottom: 16px;
    }
    .toolbar {
      display: flex;
      align-items: center;
      gap: 8px;
      min-height: 44px;
      margin-bottom: 12px;
    }
    .toolbar label {
      min-height: 44px;
      display: inline-flex;
      align-items: center;
    }
    .rules {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 400px), 1fr));
      gap: 12px;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .rule {
      border: 1px solid #e5e7eb;
      border-radius: 8px;
      padding: 12px 16px;
      background: #fff;
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .rule.inactive {
      background: #fafafa;
      color: rgba(0, 0, 0, 0.55);
    }
    .rule-head {
      display: flex;
      justify-content: space-between;
      align-items: flex-start;
      gap: 8px;
    }
    .rule-name {
      margin: 0;
      font-size: 16px;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .rule-tags {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    .rule-tags nz-tag {
      margin: 0;
    }
    .rule-summary {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .rule-ref {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .rule-actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
      margin-top: auto;
    }
    .rule-actions button {
      min-height: 44px;
    }
    .cards-pager {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      margin-top: 12px;
    }
    .rules-table tr.inactive td {
      background: #fafafa;
      color: rgba(0, 0, 0, 0.55);
    }
    .rules-table td {
      vertical-align: top;
      overflow-wrap: anywhere;
    }
    .rules-table .col-occupation {
      min-width: 160px;
    }
    .rules-table .col-summary {
      min-width: 220px;
    }
    .rules-table .col-reference {
      width: 24%;
    }
    .rules-table .rule-name {
      font-size: 14px;
    }
    .rules-table .rule-actions {
      justify-content: flex-start;
      flex-wrap: nowrap;
      margin-top: 0;
    }
    .rules-table .rule-actions button {
      min-height: 32px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobLimitsPage {
  private readonly api = inject(JobLimitsApi);
  private readonly i18n = inject(JobLimitsI18n);
  private readonly message = inject(NzMessageService);
  protected readonly isPhone = inject(Viewport).isPhone;
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly kindWords = this.i18n.kindWords;

  protected readonly query = signal<JobLimitQuery>({ includeInactive: false, page: 1, pageSize: 20 });
  protected readonly list = signal<Remote<JobLimitPageDto>>(idle());
  protected readonly pageSizes = [10, 20, 50, 100];
  private inFlight: Subscription | null = null;
  protected readonly dialog = signal<Dialog | null>(null);
  /** The rule whose deactivation or reactivation is on its way. */
  protected readonly busy = signal<string | null>(null);

  protected readonly dialogTitle = computed(() => {
    const d = this.dialog();
    return d === null ? '' : this.t(d.kind === 'create' ? 'jl.addTitle' : 'jl.editTitle');
  });

  constructor() {
    this.load();
  }

  /** Loads the page asked for; a page left empty (its last rule deactivated) moves back to the last one there is. */
  protected load(): void {
    this.inFlight?.unsubscribe();
    const q = this.query();
    this.inFlight = loadInto(
      this.list,
      this.api.list(q).pipe(
        tap((p) => {
          const last = Math.max(1, Math.ceil(p.total / q.pageSize));
          if (p.items.length === 0 && q.page > last) queueMicrotask(() => this.setPage(last));
        }),
      ),
    );
  }

  protected toggleInactive(includeInactive: boolean): void {
    this.query.update((q) => ({ ...q, includeInactive, page: 1 }));
    this.load();
  }

  protected setPage(page: number): void {
    if (page === this.query().page && this.list().data?.page === page) return;
    this.query.update((q) => ({ ...q, page }));
    this.load();
  }

  /** A page turned at the foot of the list: back to its top. */
  protected turnPage(page: number): void {
    this.setPage(page);
    document.scrollingElement?.scrollTo?.({ top: 0 });
  }

  protected setPageSize(pageSize: number): void {
    if (pageSize === this.query().pageSize) return;
    this.query.update((q) => ({ ...q, pageSize, page: 1 }));
    this.load();
  }

  protected openCreate(): void {
    this.dialog.set({ kind: 'create' });
  }

  protected openEdit(rule: JobLimitDto): void {
    this.dialog.set({ kind: 'edit', rule });
  }

  protected closeDialog(): void {
    this.dialog.set(null);
  }

  protected saved(created: boolean): void {
    this.dialog.set(null);
    this.message.success(this.t(created ? 'jl.created' : 'common.saved'));
    this.load();
  }

  protected deactivate(rule: JobLimitDto): void {
    this.busy.set(rule.id);
    this.api.deactivate(rule.id).subscribe({
      next: () => this.done('jl.deactivated'),
      error: (err: unknown) => this.failed(err),
    });
  }

  protected reactivate(rule: JobLimitDto): void {
    this.busy.set(rule.id);
    this.api.update(rule.id, { active: true }).subscribe({
      next: () => this.done('jl.reactivated'),
      error: (err: unknown) => this.failed(err),
    });
  }

  private done(key: 'jl.deactivated' | 'jl.reactivated'): void {
    this.busy.set(null);
    this.message.success(this.t(key));
    this.load();
  }

  private failed(err: unknown): void {
    this.busy.set(null);
    this.message.error(this.i18n.errorMessage(toApiError(err)));
    this.load();
  }
}
