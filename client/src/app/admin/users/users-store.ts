import { Injectable, computed, inject, signal } from '@angular/core';
import type { Observable, Subscription } from 'rxjs';
import { map, tap } from 'rxjs';
import type { CreateUserDto, OrganisationDto, Role, UpdateUserDto, UserDto, UserPageDto } from '../../core/api/api-types';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { UsersApi } from './users-api';

export interface UserFilters {
  readonly role: Role | null;
  readonly organisationId: string | null;
  readonly q: string;
}

export const NO_USER_FILTERS: UserFilters = { role: null, organisationId: null, q: '' };

/** The accounts table and the admin's actions on accounts. */
@Injectable()
export class UsersStore {
  private readonly api = inject(UsersApi);
  private readonly filterState = signal<UserFilters>(NO_USER_FILTERS);
  private readonly pageState = signal({ page: 1, pageSize: 20 });
  private readonly listState = signal<Remote<UserPageDto>>(idle());
  private readonly busyIds = signal<ReadonlySet<string>>(new Set());
  private readonly organisationOptions = signal<readonly OrganisationDto[]>([]);
  private inFlight: Subscription | null = null;
  private searchInFlight: Subscription | null = null;

  readonly filters = this.filterState.asReadonly();
  readonly page = computed(() => this.pageState().page);
  readonly pageSize = computed(() => this.pageState().pageSize);
  readonly loading = computed(() => this.listState().loading);
  readonly error = computed(() => this.listState().error);
  readonly items = computed(() => this.listState().data?.items ?? []);
  readonly total = computed(() => this.listState().data?.total ?? 0);
  /** The first page has come (reloads keep it): until then the page shows a skeleton. */
  readonly loaded = computed(() => this.listState().data !== null);
  readonly busy = this.busyIds.asReadonly();
  readonly organisations = this.organisationOptions.asReadonly();

  setFilters(patch: Partial<UserFilters>): void {
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
    this.inFlight = loadInto(
      this.listState,
      this.api.list({ role: f.role, organisationId: f.organisationId, q: f.q.trim(), ...this.pageState() }),
    );
  }

  searchOrganisations(q: string): void {
    this.searchInFlight?.unsubscribe();
    this.searchInFlight = this.api
      .searchOrganisations(q.trim())
      .pipe(map((page) => page.items))
      .subscribe({ next: (items) => this.organisationOptions.set(items), error: () => this.organisationOptions.set([]) });
  }

  create(dto: CreateUserDto): Observable<UserDto> {
    return this.api.create(dto).pipe(tap(() => this.load()));
  }

  /** Disable, enable or unlock one account; the row shows a spinner meanwhile. */
  update(id: string, dto: UpdateUserDto): Observable<UserDto> {
    this.busyIds.update((s) => new Set(s).add(id));
    const done = () =>
      this.busyIds.update((s) => {
        const next = new Set(s);
        next.delete(id);
        return next;
      });
    return this.api.update(id, dto).pipe(
      tap({
        next: (user) => {
          done();
          this.replace(user);
        },
        error: done,
      }),
    );
  }

  resetPassword(id: string, newPassword: string): Observable<void> {
    return this.api.resetPassword(id, newPassword).pipe(tap(() => this.load()));
  }

  private replace(user: UserDto): void {
    this.listState.update((r) =>
      r.data ? { ...r, data: { ...r.data, items: r.data.items.map((u) => (u.id === user.id ? user : u)) } } : r,
    );
  }
}
