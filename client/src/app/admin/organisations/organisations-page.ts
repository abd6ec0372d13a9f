import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, type ParamMap, Router } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';
import {
  ORGANISATION_STATUSES,
  ORGANISATION_TYPES,
  type OrganisationDto,
  type OrganisationStatus,
  type OrganisationType,
} from '../../core/api/api-types';
import { I18n } from '../../core/i18n/i18n';
import { organisationStatusColor } from '../../shared/labels';
import { ListSkeleton } from '../../shared/list-skeleton';
import { LoadError } from '../../shared/load-error';
import { ReferenceStore } from '../../shared/reference-store';
import { DecisionForm } from './decision-form/decision-form';
import { OrganisationForm } from './organisation-form/organisation-form';
import { type OrganisationFilters, OrganisationsStore } from './organisations-store';

type Dialog =
  | { readonly kind: 'create' }
  | { readonly kind: 'edit'; readonly org: OrganisationDto }
  | { readonly kind: 'decide'; readonly org: OrganisationDto };

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function filtersFrom(params: ParamMap): { filters: OrganisationFilters; page: number } {
  const page = Number(params.get('page'));
  return {
    filters: {
      type: oneOf<OrganisationType>(params.get('type'), ORGANISATION_TYPES),
      status: oneOf<OrganisationStatus>(params.get('status'), ORGANISATION_STATUSES),
      divisionCode: /^\d{6}$/.test(params.get('divisionCode') ?? '') ? params.get('divisionCode') : null,
      q: params.get('q') ?? '',
    },
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

@Component({
  selector: 'jbh-organisations-page',
  imports: [
    FormsModule,
    NzTableModule,
    NzSelectModule,
    NzInputModule,
    NzButtonModule,
    NzIconModule,
    NzTagModule,
    NzModalModule,
    ListSkeleton,
    LoadError,
    OrganisationForm,
    DecisionForm,
  ],
  templateUrl: './organisations-page.html',
  providers: [OrganisationsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganisationsPage {
  protected readonly store = inject(OrganisationsStore);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);
  private readonly i18n = inject(I18n);
  private readonly reference = inject(ReferenceStore);
  protected readonly t = this.i18n.t;
  protected readonly isEnglish = this.i18n.isEnglish;
  protected readonly divisions = this.reference.divisions;
  protected readonly types = ORGANISATION_TYPES;
  protected readonly statuses = ORGANISATION_STATUSES;
  protected readonly statusColor = organisationStatusColor;

  protected readonly search = signal('');
  protected readonly dialog = signal<Dialog | null>(null);
  private readonly searchTyped = new Subject<string>();

  constructor() {
    this.reference.loadDivisions();
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((params) => {
      const { filters, page } = filtersFrom(params);
      this.search.set(filters.q);
      this.store.apply(filters, page);
    });
    this.searchTyped.pipe(debounceTime(350), distinctUntilChanged(), takeUntilDestroyed()).subscribe((q) => this.filter({ q }));
  }

  protected filter(patch: Partial<OrganisationFilters>): void {
    const next = { ...this.store.filters(), ...patch };
    void this.router.navigate([], {
      relativeTo: this.route,
      replaceUrl: true,
      queryParams: { type: next.type, status: next.status, divisionCode: next.divisionCode, q: next.q.trim() || null, page: null },
    });
  }

  protected typeSearch(q: string): void {
    this.search.set(q);
    this.searchTyped.next(q);
  }

  protected togglePending(): void {
    this.filter(this.store.pendingOnly() ? { type: null, status: null } : { type: 'employer', status: 'pending' });
  }

  protected clearFilters(): void {
    this.search.set('');
    void this.router.navigate([], { relativeTo: this.route, replaceUrl: true, queryParams: {} });
  }

  protected goToPage(page: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { page: page > 1 ? page : null }, queryParamsHandling: 'merge' });
  }

  protected divisionName(code: string, fallback: string): string {
    const d = this.divisions().find((x) => x.code === code);
    return d ? this.i18n.pick(d.name, d.nameEn) : fallback;
  }

  /** The one-line cells' tooltips: the whole of what the cell may cut short. */
  protected creditTitle(org: OrganisationDto): string {
    if (!org.creditCode) return '';
    if (org.creditCodeValid !== false) return org.creditCode;
    return `${org.creditCode} · ${this.t(org.creditCodeOverride ? 'orgs.override' : 'orgs.creditInvalid')}`;
  }

  protected statusTitle(org: OrganisationDto): string {
    const status = this.t(`orgStatus.${org.status}`);
    return org.status === 'rejected' && org.statusReason
      ? `${status} · ${this.t('orgs.statusReason', { reason: org.statusReason })}`
      : status;
  }

  protected contactTitle(org: OrganisationDto): string {
    return [org.contactName, org.contactPhone].filter((x): x is string => !!x).join(' · ');
  }

  protected openCreate(): void {
    this.dialog.set({ kind: 'create' });
  }

  protected openEdit(org: OrganisationDto): void {
    this.dialog.set({ kind: 'edit', org });
  }

  protected openDecision(org: OrganisationDto): void {
    this.dialog.set({ kind: 'decide', org });
  }

  protected closeDialog(): void {
    this.dialog.set(null);
  }

  protected saved(created: boolean): void {
    this.dialog.set(null);
    this.message.success(this.t(created ? 'orgs.created' : 'common.saved'));
  }

  protected decided(org: OrganisationDto): void {
    this.dialog.set(null);
    this.message.success(`${org.name}: ${this.t(org.status === 'verified' ? 'orgs.decision.verified' : 'orgs.decision.rejected')}`);
  }

  protected readonly dialogTitle = computed(() => {
    const dialog = this.dialog();
    switch (dialog?.kind) {
      case undefined:
        return '';
      case 'create':
        return this.t('orgs.createTitle');
      case 'edit':
        return this.t('orgs.editTitle');
      case 'decide':
        return this.t('orgs.decision.title');
    }
  });
}
