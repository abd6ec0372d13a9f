import { Injectable, computed, inject, signal } from '@angular/core';
import type { Observable, Subscription } from 'rxjs';
import { tap } from 'rxjs';
import type {
  CreateOrganisationDto,
  EmployerDecisionDto,
  OrganisationDto,
  OrganisationPageDto,
  OrganisationStatus,
  OrganisationType,
  UpdateOrganisationDto,
} from '../../core/api/api-types';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { OrganisationsApi } from './organisations-api';

export interface OrganisationFilters {
  readonly type: OrganisationType | null;
  readonly status: OrganisationStatus | null;
  readonly divisionCode: string | null;
  readonly q: string;
}

export const NO_ORGANISATION_FILTERS: OrganisationFilters = { type: null, status: null, divisionCode: null, q: '' };

/** The organisations table: filters, paging, the current page, and the admin's changes. */
@Injectable()
export class OrganisationsStore {
  private readonly api = inject(OrganisationsApi);
  private readonly filterState = signal<OrganisationFilters>(NO_ORGANISATION_FILTERS);
  private readonly pageState = signal({ page: 1, pageSize: 20 });
  private readonly listState = signal<Remote<OrganisationPageDto>>(idle());
  private inFlight: Subscription | null = null;

  readonly filters = this.filterState.asReadonly();
  readonly page = computed(() => this.pageState().page);
  readonly pageSize = computed(() => this.pageState().pageSize);
  readonly loading = computed(() => this.listState().loading);
  readonly error = computed(() => this.listState().error);
  readonly items = computed(() => this.listState().data?.items ?? []);
  readonly total = computed(() => this.listState().data?.total ?? 0);
  readonly loaded = computed(() => this.listState().data !== null);
  readonly pendingOnly = computed(() => this.filterState().type === 'employer' && this.filterState().status === 'pending');

  /** Filters come from the URL, so links and the back button work. */
  apply(filters: OrganisationFilters, page: number): void {
    this.filterState.set(filters);
    this.pageState.update((p) => ({ ...p, page }));
    this.load();
  }

  setPageSize(pageSize: number): void {
    this.pageState.set({ page: 1, pageSize });
    this.load();
  }

  load(): void {
    // A newer filter wins: drop the answer to the older request.
    this.inFlight?.unsubscribe();
    const f = this.filterState();
    this.inFlight = loadInto(
      this.listState,
      this.api.list({ type: f.type, status: f.status, divisionCode: f.divisionCode, q: f.q.trim(), ...this.pageState() }),
    );
  }

  create(dto: CreateOrganisationDto): Observable<OrganisationDto> {
    return this.api.create(dto).pipe(tap(() => this.load()));
  }

  update(id: string, dto: UpdateOrganisationDto): Observable<OrganisationDto> {
    return this.api.update(id, dto).pipe(tap((updated) => this.replace(updated)));
  }

  decide(id: string, dto: EmployerDecisionDto): Observable<OrganisationDto> {
    return this.api.decide(id, dto).pipe(tap(() => this.load()));
  }

  private replace(updated: OrganisationDto): void {
    this.listState.update((r) =>
      r.data ? { ...r, data: { ...r.data, items: r.data.items.map((o) => (o.id === updated.id ? updated : o)) } } : r,
    );
  }
}
