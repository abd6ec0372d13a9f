import { Injectable, computed, inject, signal } from '@angular/core';
import { type Observable, type Subscription, map, tap } from 'rxjs';
import { TRAINEE_STATES } from '../../core/api/api-types';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { saveFile, suggestedFileName } from '../download';
import { looksLikeIdentityNumber, normaliseIdentityNumber } from '../identity-number';
import { type CaseloadApiQuery, TraineesApi } from '../trainees-api';
import type { TraineePageDto, TraineeState } from '../trainees-types';

export type CaseloadSort = 'expectedRelease' | 'name' | 'admitted' | 'state';
export type SortOrder = 'asc' | 'desc';
export type ConsentFilter = 'granted' | 'none';

/**
 * The state filter: one state, `all`, or null — the default, the cases being worked (everything
 * but closed), so the caseload opens on people who need attention rather than on old closed files.
 */
export type StateFilter = TraineeState | 'all' | null;

export interface CaseloadQuery {
  readonly state: StateFilter;
  /** Expected release on or after, `YYYY-MM-DD` ('' = open). */
  readonly releaseFrom: string;
  readonly releaseTo: string;
  readonly consent: ConsentFilter | null;
  /** The start of a name, or a whole identity number. */
  readonly q: string;
  readonly sort: CaseloadSort;
  readonly order: SortOrder;
  readonly page: number;
  readonly pageSize: number;
}

export type CaseloadFilters = Pick<CaseloadQuery, 'state' | 'releaseFrom' | 'releaseTo' | 'consent' | 'q'>;

export const CASELOAD_SORTS: readonly CaseloadSort[] = ['expectedRelease', 'name', 'admitted', 'state'];
export const PAGE_SIZES = [10, 20, 50, 100] as const;

/** Active cases, soonest release first: who needs attention now. */
export const DEFAULT_CASELOAD_QUERY: CaseloadQuery = {
  state: null,
  releaseFrom: '',
  releaseTo: '',
  consent: null,
  q: '',
  sort: 'expectedRelease',
  order: 'asc',
  page: 1,
  pageSize: 20,
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A whole identity number is sent tidied (spaces out, X upper-case) so the server's exact look-up finds it. */
export function normaliseSearch(q: string): string {
  const trimmed = q.trim();
  return looksLikeIdentityNumber(trimmed) ? normaliseIdentityNumber(trimmed) : trimmed;
}

/** The query as `GET /trainees` takes it: empty filters left out, names as the server spells them. */
export function toApiQuery(q: CaseloadQuery, paged = true): CaseloadApiQuery {
  return {
    state: q.state === 'all' ? null : q.state,
    // A name or number typed in looks across every file the caller may see (a handed-over person too).
    active: q.state === null && !q.q.trim() ? 'true' : null,
    releaseFrom: q.releaseFrom,
    releaseTo: q.releaseTo,
    jobMatchingConsent: q.consent,
    q: normaliseSearch(q.q),
    sort: q.sort,
    order: q.order,
    ...(paged ? { page: q.page, pageSize: q.pageSize } : {}),
  };
}

/**
 * The query in the address bar, defaults left out, so a filtered caseload can be linked to (the
 * workbench cards do) and survives going into a file and back. The search text is never put there:
 * it may be an identity number, and addresses end up in logs and browser history.
 */
export function toUrlParams(q: CaseloadQuery): Record<string, string> {
  const d = DEFAULT_CASELOAD_QUERY;
  const out: Record<string, string> = {};
  if (q.state) out['state'] = q.state;
  if (q.releaseFrom) out['releaseFrom'] = q.releaseFrom;
  if (q.releaseTo) out['releaseTo'] = q.releaseTo;
  if (q.consent) out['consent'] = q.consent;
  if (q.sort !== d.sort) out['sort'] = q.sort;
  if (q.order !== d.order) out['order'] = q.order;
  if (q.page !== d.page) out['page'] = String(q.page);
  if (q.pageSize !== d.pageSize) out['pageSize'] = String(q.pageSize);
  return out;
}

/** Reads the address bar back, ignoring anything malformed (a hand-edited link still opens). */
export function fromUrlParams(params: Readonly<Record<string, string | undefined>>, q = ''): CaseloadQuery {
  const d = DEFAULT_CASELOAD_QUERY;
  const state = params['state'];
  const consent = params['consent'];
  const sort = params['sort'];
  const page = Number(params['page']);
  const pageSize = Number(params['pageSize']);
  return {
    state: state === 'all' ? 'all' : state && (TRAINEE_STATES as readonly string[]).includes(state) ? (state as TraineeState) : null,
    releaseFrom: DATE.test(params['releaseFrom'] ?? '') ? params['releaseFrom']! : '',
    releaseTo: DATE.test(params['releaseTo'] ?? '') ? params['releaseTo']! : '',
    consent: consent === 'granted' || consent === 'none' ? consent : null,
    q,
    sort: sort && (CASELOAD_SORTS as readonly string[]).includes(sort) ? (sort as CaseloadSort) : d.sort,
    order: params['order'] === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page >= 1 ? page : d.page,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : d.pageSize,
  };
}

/** The caseload table: filters, sort and page, and the rows the server returns for them. */
@Injectable()
export class CaseloadStore {
  private readonly api = inject(TraineesApi);
  private readonly queryState = signal<CaseloadQuery>(DEFAULT_CASELOAD_QUERY);
  private readonly listState = signal<Remote<TraineePageDto>>(idle());
  private inFlight: Subscription | null = null;
  /** The cursor after the last page loaded, with the query (without its page) it belongs to. */
  private forward: { key: string; page: number; pageSize: number; cursor: string } | null = null;

  readonly query = this.queryState.asReadonly();
  readonly urlParams = computed(() => toUrlParams(this.queryState()));
  readonly loading = computed(() => this.listState().loading);
  readonly error = computed(() => this.listState().error);
  readonly items = computed(() => this.listState().data?.items ?? []);
  readonly total = computed(() => this.listState().data?.total ?? 0);
  /** More rows match than the server counts (10,000): `total` is a lower bound. */
  readonly totalCapped = computed(() => this.listState().data?.totalCapped ?? false);
  /** The total as people read it: "10,000+" past the server's cap. */
  readonly totalLabel = computed(() => (this.totalCapped() ? `${this.total().toLocaleString('en-US')}+` : this.total()));
  /**
   * What the pager counts with. Past the cap the count stops, but the rows do not: while the server
   * hands out a next cursor the pager keeps one more page open, reached by that cursor.
   */
  readonly pagerTotal = computed(() => {
    const data = this.listState().data;
    if (!data?.totalCapped || !data.nextCursor) return this.total();
    return Math.max(data.total, data.page * data.pageSize + 1);
  });
  readonly loaded = computed(() => this.listState().data !== null);
  readonly hasFilters = computed(() => {
    const q = this.queryState();
    return q.state !== null || q.releaseFrom !== '' || q.releaseTo !== '' || q.consent !== null || q.q.trim() !== '';
  });
  readonly searchesIdentityNumber = computed(() => looksLikeIdentityNumber(this.queryState().q.trim()));

  /** Takes a whole query (from the address bar) and loads it. */
  restore(query: CaseloadQuery): void {
    this.queryState.set(query);
    this.load();
  }

  /** A new filter starts again at page 1. */
  setFilters(patch: Partial<CaseloadFilters>): void {
    this.queryState.update((q) => ({ ...q, ...patch, page: 1 }));
    this.load();
  }

  clearFilters(): void {
    this.queryState.update((q) => ({ ...DEFAULT_CASELOAD_QUERY, sort: q.sort, order: q.order, pageSize: q.pageSize }));
    this.load();
  }

  setSort(sort: CaseloadSort, order: SortOrder): void {
    this.queryState.update((q) => ({ ...q, sort, order, page: 1 }));
    this.load();
  }

  setPage(page: number): void {
    if (page === this.queryState().page) return;
    this.queryState.update((q) => ({ ...q, page }));
    this.load();
  }

  setPageSize(pageSize: number): void {
    if (pageSize === this.queryState().pageSize) return;
    this.queryState.update((q) => ({ ...q, pageSize, page: 1 }));
    this.load();
  }

  /** A newer request replaces one still running, so a slow old answer never overwrites a newer one. */
  load(): void {
    this.inFlight?.unsubscribe();
    const query = this.queryState();
    const apiQuery = toApiQuery(query);
    const key = JSON.stringify(toApiQuery(query, false));
    // One page forward goes by the server's cursor (an index range read, as fast deep in the list
    // as at its start); a jump, or a query the cursor was not made for, goes by page number.
    const f = this.forward;
    const after = f && f.key === key && query.page === f.page + 1 && query.pageSize === f.pageSize ? f.cursor : null;
    this.inFlight = loadInto(
      this.listState,
      this.api
        .list(after ? { ...apiQuery, after } : apiQuery)
        .pipe(
          tap(
            (page) =>
              (this.forward = page.nextCursor ? { key, page: query.page, pageSize: query.pageSize, cursor: page.nextCursor } : null),
          ),
        ),
    );
  }

  /** Everything the filters match (not just this page), as the server's .xlsx. */
  exportFile(): Observable<void> {
    return this.api.exportFile(toApiQuery(this.queryState(), false)).pipe(
      map((response) => {
        if (response.body) saveFile(response.body, suggestedFileName(response, 'trainees.xlsx'));
      }),
    );
  }
}
