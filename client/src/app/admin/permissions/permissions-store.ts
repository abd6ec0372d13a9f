import { Injectable, computed, inject, signal } from '@angular/core';
import type { Observable, Subscription } from 'rxjs';
import { tap } from 'rxjs';
import type { Role, UserDto, UserPageDto } from '../../core/api/api-types';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { PermissionsApi, type SetPermissionsDto } from './permissions-api';

export interface StaffFilters {
  readonly role: Role | null;
  readonly q: string;
}

/** The staff list the security administrator grants from (the server leaves trainees' accounts out). */
@Injectable()
export class PermissionsStore {
  private readonly api = inject(PermissionsApi);
  private readonly filterState = signal<StaffFilters>({ role: null, q: '' });
  private readonly pageState = signal({ page: 1, pageSize: 20 });
  private readonly listState = signal<Remote<UserPageDto>>(idle());
  private inFlight: Subscription | null = null;

  readonly filters = this.filterState.asReadonly();
  readonly page = computed(() => this.pageState().page);
  readonly pageSize = computed(() => this.pageState().pageSize);
  readonly loading = computed(() => this.listState().loading);
  readonly error = computed(() => this.listState().error);
  readonly items = computed(() => this.listState().data?.items ?? []);
  readonly total = computed(() => this.listState().data?.total ?? 0);

  setFilters(patch: Partial<StaffFilters>): void {
    this.filterState.update((f) => ({ ...f, ...patch }));
    this.pageState.update((p) => ({ ...p, page: 1 }));
    this.load();
  }

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
    const f = this.filterState();
    this.inFlight = loadInto(this.listState, this.api.list({ role: f.role, q: f.q.trim(), ...this.pageState() }));
  }

  /** Saves and puts the answered account in its row. */
  set(id: string, dto: SetPermissionsDto): Observable<UserDto> {
    return this.api
      .set(id, dto)
      .pipe(
        tap((user) =>
          this.listState.update((r) =>
            r.data ? { ...r, data: { ...r.data, items: r.data.items.map((u) => (u.id === user.id ? user : u)) } } : r,
          ),
        ),
      );
  }
}
