import { type Signal, computed, signal } from '@angular/core';
import { EMPTY, type Observable, type Subscription, expand, map, reduce } from 'rxjs';
import { type Remote, idle, loadInto } from '../../shared/remote';

/** One page of a server list (`Page<T>` on the server). */
export interface PageOf<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** The largest page the server serves (`pageSize` above it is a 400). */
export const MAX_PAGE_SIZE = 100;

/**
 * A table's server-paged list: the page index and size a table binds (`nzFrontPagination` false,
 * `nzTotal`), and a reload on every change. A newer load cancels the one in flight, so a slow
 * answer for page 1 never overwrites page 2.
 */
export class PagedList<T> {
  readonly page = signal(1);
  readonly pageSize = signal(20);
  readonly state = signal<Remote<PageOf<T>>>(idle());
  readonly items: Signal<T[]> = computed(() => this.state().data?.items ?? []);
  readonly total: Signal<number> = computed(() => this.state().data?.total ?? 0);
  private inFlight: Subscription | null = null;

  constructor(private readonly fetch: (page: number, pageSize: number) => Observable<PageOf<T>>) {}

  load(): void {
    this.inFlight?.unsubscribe();
    this.inFlight = loadInto(this.state, this.fetch(this.page(), this.pageSize()));
  }

  /** Back to the first page (after a filter changed) and load. */
  reset(): void {
    this.page.set(1);
    this.load();
  }

  setPage(page: number): void {
    this.page.set(page);
    this.load();
  }

  setPageSize(size: number): void {
    this.pageSize.set(size);
    this.page.set(1);
    this.load();
  }
}

/**
 * Every row of a paged list, read 100 at a time until the total is reached: for the few places that
 * must show everyone at once (an attendance sheet, a short picker), never a silently cut list.
 */
export function allPages<T>(fetch: (page: number, pageSize: number) => Observable<PageOf<T>>): Observable<T[]> {
  return fetch(1, MAX_PAGE_SIZE).pipe(
    expand((p) => (p.page * p.pageSize < p.total && p.items.length > 0 ? fetch(p.page + 1, MAX_PAGE_SIZE) : EMPTY)),
    map((p) => p.items),
    reduce((all: T[], items) => all.concat(items), []),
  );
}
