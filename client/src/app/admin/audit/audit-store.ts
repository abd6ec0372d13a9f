import { Injectable, computed, inject, signal } from '@angular/core';
import type { Subscription } from 'rxjs';
import type { AuditEntryPageDto, AuditResult } from '../../core/api/api-types';
import { pageTotal } from '../../shared/page-total';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { AuditApi } from './audit-api';

export interface AuditFilters {
  readonly actor: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly result: AuditResult | null;
  /** Local calendar dates `YYYY-MM-DD` from the date inputs. */
  readonly fromDate: string;
  readonly toDate: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = {
  actor: '',
  action: '',
  subjectType: '',
  subjectId: '',
  result: null,
  fromDate: '',
  toDate: '',
};

/** Start of a local calendar day as an ISO instant (the server compares instants). */
function startOfDay(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}

function startOfNextDay(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).toISOString();
}

/** The audit log, newest first (the server's order), filtered and paged. */
@Injectable()
export class AuditStore {
  private readonly api = inject(AuditApi);
  private readonly filterState = signal<AuditFilters>(NO_AUDIT_FILTERS);
  private readonly pageState = signal({ page: 1, pageSize: 20 });
  private readonly listState = signal<Remote<AuditEntryPageDto>>(idle());
  private inFlight: Subscription | null = null;

  readonly filters = this.filterState.asReadonly();
  readonly page = computed(() => this.pageState().page);
  readonly pageSize = computed(() => this.pageState().pageSize);
  readonly loading = computed(() => this.listState().loading);
  readonly error = computed(() => this.listState().error);
  readonly items = computed(() => this.listState().data?.items ?? []);
  readonly total = computed(() => this.listState().data?.total ?? 0);
  /** The first page has come (reloads keep it): until then the page shows a skeleton. */
  readonly loaded = computed(() => this.listState().data !== null);
  /** "10,000+" when more entries match than the server counts. */
  readonly totalText = computed(() => pageTotal(this.listState().data));

  setFilters(filters: AuditFilters): void {
    this.filterState.set(filters);
    this.pageState.update((p) => ({ ...p, page: 1 }));
    this.load();
  }

  /**
   * The next page continues after the shown one by its cursor (as fast deep in the log as at the
   * start); any other page is a jump by number.
   */
  setPage(page: number): void {
    const shown = this.listState().data;
    const after = shown && page === shown.page + 1 ? (shown.nextCursor ?? undefined) : undefined;
    this.pageState.update((p) => ({ ...p, page }));
    this.load(after);
  }

  setPageSize(pageSize: number): void {
    this.pageState.set({ page: 1, pageSize });
    this.load();
  }

  load(after?: string): void {
    this.inFlight?.unsubscribe();
    const f = this.filterState();
    this.inFlight = loadInto(
      this.listState,
      this.api.search({
        actor: f.actor.trim(),
        action: f.action.trim(),
        subjectType: f.subjectType.trim(),
        subjectId: f.subjectId.trim(),
        result: f.result,
        from: startOfDay(f.fromDate),
        // The "to" date is inclusive for people; the API's `to` is exclusive.
        to: startOfNextDay(f.toDate),
        ...this.pageState(),
        ...(after ? { after } : {}),
      }),
    );
  }
}
