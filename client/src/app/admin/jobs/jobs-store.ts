import { Injectable, computed, inject, signal } from '@angular/core';
import type { Observable, Subscription } from 'rxjs';
import { tap } from 'rxjs';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { JobsApi } from './jobs-api';
import type { FailedJobPageDto } from './jobs-types';

/** The failed jobs, latest failure first (the server's order), paged. */
@Injectable()
export class JobsStore {
  private readonly api = inject(JobsApi);
  private readonly pageState = signal({ page: 1, pageSize: 20 });
  private readonly listState = signal<Remote<FailedJobPageDto>>(idle());
  private inFlight: Subscription | null = null;

  readonly page = computed(() => this.pageState().page);
  readonly pageSize = computed(() => this.pageState().pageSize);
  readonly loading = computed(() => this.listState().loading);
  readonly error = computed(() => this.listState().error);
  readonly items = computed(() => this.listState().data?.items ?? []);
  readonly total = computed(() => this.listState().data?.total ?? 0);
  /** The first page has come (reloads keep it): until then the page shows a skeleton. */
  readonly loaded = computed(() => this.listState().data !== null);

  setPage(page: number): void {
    this.pageState.update((p) => ({ ...p, page }));
    this.load();
  }

  setPageSize(pageSize: number): void {
    this.pageState.set({ page: 1, pageSize });
    this.load();
  }

  load(): void {
    this.inFlight?.unsubscribe();
    const { page, pageSize } = this.pageState();
    this.inFlight = loadInto(this.listState, this.api.failed(page, pageSize));
  }

  /** Queues the job again; it leaves the list (a worker takes it up), so the page is reloaded. */
  retry(id: string): Observable<void> {
    return this.api.retry(id).pipe(tap(() => this.load()));
  }
}
