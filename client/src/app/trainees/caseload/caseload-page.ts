import { ChangeDetectionStrategy, Component, computed, effect, inject, linkedSignal, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NgTemplateOutlet } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { NzTableSortOrder } from 'ng-zorro-antd/table';
import {
  NzTableComponent,
  NzThAddOnComponent,
  NzTableCellDirective,
  NzThMeasureDirective,
  NzTheadComponent,
  NzTbodyComponent,
  NzTrDirective,
  NzCellFixedDirective,
} from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';
import { TRAINEE_STATES } from '../../core/api/api-types';
import { AuthStore } from '../../core/auth/auth-store';
import { toApiError } from '../../core/errors/api-error';
import { ErrorNotifier } from '../../core/errors/error-notifier';
import { ListSkeleton } from '../../shared/list-skeleton';
import { LoadError } from '../../shared/load-error';
import { Viewport } from '../../shared/viewport';
import { IN_VIEW, NearView } from '../../shared/near-view';
import { MyOrganisation } from '../my-organisation';
import { TraineeForm } from '../trainee-form/trainee-form';
import { ReadmissionButton } from '../readmission/readmission-button';
import { BulkEnrolDialog } from './bulk-enrol-dialog';
import { TraineesI18n } from '../trainees-i18n';
import type { TraineeDto, TraineeListItemDto, TraineeState } from '../trainees-types';
import { traineeStateColor } from '../trainees-labels';
import {
  CASELOAD_SORTS,
  type CaseloadSort,
  CaseloadStore,
  type ConsentFilter,
  PAGE_SIZES,
  type StateFilter,
  fromUrlParams,
} from './caseload-store';
import {
  MAX_FILTER_NAME,
  MAX_SAVED_FILTERS,
  type SavedFilter,
  applySavedFilter,
  canSaveFilter,
  deleteFilter,
  readSavedFilters,
  saveFilter,
} from './saved-filters';
import { FilterSheet } from '../../shared/filter-sheet';

/**
 * Cards built at a time on a phone; see `CaseloadPage.cards`. Eight fill its first screen, in two steps: on a
 * slow phone a step of eight was the load's longest task (Lighthouse, mobile: blocking time 785 → 557 ms, median
 * of five, with four).
 */
const CARDS_PER_STEP = 4;

/** `/trainees`: the caseload — filters, a sortable table (cards on a phone), paging, create, import, export. */
@Component({
  selector: 'jbh-caseload-page',
  imports: [
    FormsModule,
    NgTemplateOutlet,
    // The table's parts one by one, not its NgModule: only standalone parts can be deferred, and the
    // table is used only inside `@defer` (a phone never shows it).
    BulkEnrolDialog,
    RouterLink,
    NzButtonModule,
    NzCheckboxModule,
    NzDrawerModule,
    FilterSheet,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzPaginationModule,
    NzSelectModule,
    NzTableComponent,
    NzThAddOnComponent,
    NzTableCellDirective,
    NzThMeasureDirective,
    NzTheadComponent,
    NzTbodyComponent,
    NzTrDirective,
    NzCellFixedDirective,
    NzTagModule,
    ListSkeleton,
    NearView,
    LoadError,
    TraineeForm,
    ReadmissionButton,
  ],
  templateUrl: './caseload-page.html',
  styleUrl: './caseload-page.css',
  providers: [CaseloadStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseloadPage {
  protected readonly store = inject(CaseloadStore);
  protected readonly i18n = inject(TraineesI18n);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly message = inject(NzMessageService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly organisation = inject(MyOrganisation);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly shortDate = this.i18n.shortDate;
  protected readonly days = this.i18n.days;
  protected readonly isPhone = inject(Viewport).isPhone;
  private readonly auth = inject(AuthStore);
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly canCreate = this.organisation.isFacilityCounsellor;
  protected readonly states = TRAINEE_STATES;
  protected readonly sorts = CASELOAD_SORTS;
  protected readonly pageSizes = [...PAGE_SIZES];
  protected readonly stateColor = traineeStateColor;
  protected readonly search = signal('');
  protected readonly creating = signal(false);
  /** The create drawer exists once it has been opened (see the template). */
  protected readonly createUsed = signal(false);
  protected readonly exporting = signal(false);
  /** Phones: the filters live in a sheet opened from a button. */
  protected readonly filtersOpen = signal(false);
  protected readonly filterCount = computed(() => {
    const q = this.store.query();
    return [q.state !== null, q.consent !== null, q.releaseFrom !== '', q.releaseTo !== ''].filter(Boolean).length;
  });
  /** Counsellors enrol people of their own organisation: rows they may not change cannot be selected. */
  protected readonly canEnrol = computed(() => this.auth.role() === 'counsellor');
  /** The caseload selection (kept across pages), id → name. */
  private readonly selected = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly selectedCount = computed(() => this.selected().size);
  protected readonly selectedList = computed(() => [...this.selected()].map(([id, fullName]) => ({ id, fullName })));
  private readonly selectable = computed(() => this.store.items().filter((r) => !r.readOnly));
  protected readonly pageAllSelected = computed(() => {
    const rows = this.selectable();
    return rows.length > 0 && rows.every((r) => this.selected().has(r.id));
  });
  protected readonly pageSomeSelected = computed(() => !this.pageAllSelected() && this.selectable().some((r) => this.selected().has(r.id)));
  protected readonly bulkOpen = signal(false);
  /** The bulk-enrol dialog exists once it has been opened (see the template). */
  protected readonly bulkUsed = signal(false);
  /**
   * Phones: a step of cards is built with the list, and the next step each time the list's end is scrolled
   * into view (see the template's sentinel; the first screen shows it at once, so it fills in two short tasks).
   * A slow phone's load then builds only what it shows; cards nobody scrolls to are never built, rather than
   * built on timers that land inside the load. New rows (another page, filter or sort) start again at one step
   * when they arrive, not when they are asked for: the rows still shown meanwhile are not cut and stepped
   * through again.
   */
  private readonly cardLimit = linkedSignal({ source: this.store.items, computation: () => CARDS_PER_STEP });
  protected readonly cards = computed(() => this.store.items().slice(0, this.cardLimit()));
  /** Every card of the page is built (the pager and the total come with the last ones). */
  protected readonly cardsComplete = computed(() => this.cards().length === this.store.items().length);
  private readonly searchTyped = new Subject<string>();
  private restored = false;
  /** Saved filter sets, kept in this browser per signed-in user (filter values only, never the search). */
  private readonly userId = computed(() => this.auth.user()?.id ?? null);
  protected readonly savedFilters = signal<SavedFilter[]>([]);
  protected readonly naming = signal(false);
  protected readonly savedName = signal('');
  protected readonly maxNameLength = MAX_FILTER_NAME;
  /** The saved set the current filters are (its chip is shown pressed). */
  protected readonly activeSaved = computed(() => {
    const q = this.store.query();
    return (
      this.savedFilters().find(
        (f) =>
          f.state === q.state &&
          f.consent === q.consent &&
          f.releaseFrom === q.releaseFrom &&
          f.releaseTo === q.releaseTo &&
          f.sort === q.sort &&
          f.order === q.order,
      )?.name ?? null
    );
  });

  constructor() {
    this.organisation.load();
    // The address bar holds the filters (the workbench links here with them): it is read on every
    // change, and a query it already matches is not loaded twice.
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((map) => {
      const params = Object.fromEntries(map.keys.map((k) => [k, map.get(k) ?? undefined]));
      const next = fromUrlParams(params, this.store.query().q);
      if (this.restored && JSON.stringify(next) === JSON.stringify(this.store.query())) return;
      this.restored = true;
      this.store.restore(next);
    });
    effect(() => {
      const queryParams = this.store.urlParams();
      untracked(() => void this.router.navigate([], { relativeTo: this.route, queryParams, replaceUrl: true }));
    });
    effect(() => {
      const userId = this.userId();
      untracked(() => this.savedFilters.set(readSavedFilters(globalThis.localStorage, userId)));
    });
    this.searchTyped.pipe(debounceTime(350), distinctUntilChanged(), takeUntilDestroyed()).subscribe((q) => this.store.setFilters({ q }));
  }

  protected readonly inView = IN_VIEW;

  /** The list's end came into view: build the next step of cards. */
  protected moreCards(): void {
    this.cardLimit.update((n) => n + CARDS_PER_STEP);
  }

  /**
   * The cards' pager sits below the last card: the next page is read from its top, as a book's is. Scrolled
   * there first, so the list's end is out of view when the new rows come and they start at one step.
   */
  protected turnCardPage(page: number, list: HTMLElement): void {
    list.scrollIntoView({ block: 'start' });
    this.store.setPage(page);
  }

  protected typeSearch(q: string): void {
    this.search.set(q);
    this.searchTyped.next(q);
  }

  /** `active` (the default) is sent as no state: everything but closed. */
  protected filterState(state: TraineeState | 'all' | 'active' | null): void {
    const value: StateFilter = state === 'active' ? null : state;
    this.store.setFilters({ state: value });
  }

  protected isSelected(id: string): boolean {
    return this.selected().has(id);
  }

  protected toggle(row: TraineeListItemDto): void {
    if (row.readOnly) return;
    this.selected.update((m) => {
      const next = new Map(m);
      if (next.has(row.id)) next.delete(row.id);
      else next.set(row.id, row.fullName);
      return next;
    });
  }

  protected togglePage(checked: boolean): void {
    this.selected.update((m) => {
      const next = new Map(m);
      for (const r of this.selectable()) {
        if (checked) next.set(r.id, r.fullName);
        else next.delete(r.id);
      }
      return next;
    });
  }

  protected clearSelection(): void {
    this.selected.set(new Map());
  }

  protected openBulk(): void {
    this.bulkUsed.set(true);
    this.bulkOpen.set(true);
  }

  protected bulkDone(): void {
    this.bulkOpen.set(false);
    this.clearSelection();
  }

  /**
   * A card's link: a plain click opens the file inside the app, as `routerLink` would; a click with a
   * modifier key or another button is left to the browser (new tab, window). A plain `href` spares
   * each card a RouterLink directive on a slow phone's first render.
   */
  protected openFile(event: MouseEvent, id: string): void {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void this.router.navigate(['/trainees', id]);
  }

  protected filterConsent(consent: ConsentFilter | null): void {
    this.store.setFilters({ consent });
  }

  protected filterReleaseFrom(releaseFrom: string): void {
    this.store.setFilters({ releaseFrom: releaseFrom ?? '' });
  }

  protected filterReleaseTo(releaseTo: string): void {
    this.store.setFilters({ releaseTo: releaseTo ?? '' });
  }

  protected clearFilters(): void {
    this.search.set('');
    this.store.clearFilters();
  }

  protected sortOrder(column: CaseloadSort): NzTableSortOrder {
    const q = this.store.query();
    if (q.sort !== column) return null;
    return q.order === 'asc' ? 'ascend' : 'descend';
  }

  protected sortBy(column: CaseloadSort, order: NzTableSortOrder): void {
    if (order === null) this.store.setSort('expectedRelease', 'asc');
    else this.store.setSort(column, order === 'ascend' ? 'asc' : 'desc');
  }

  protected sortFromSelect(value: string): void {
    const [sort, order] = value.split(':') as [CaseloadSort, 'asc' | 'desc'];
    this.store.setSort(sort, order);
  }

  protected startSaving(): void {
    if (!canSaveFilter(this.savedFilters(), this.savedName() || '-')) {
      this.message.warning(this.t('caseload.saved.full', { n: MAX_SAVED_FILTERS }));
      return;
    }
    this.savedName.set('');
    this.naming.set(true);
  }

  protected saveCurrent(): void {
    const name = this.savedName().trim();
    if (!name) return;
    if (!canSaveFilter(this.savedFilters(), name)) {
      this.message.warning(this.t('caseload.saved.full', { n: MAX_SAVED_FILTERS }));
      return;
    }
    this.savedFilters.set(saveFilter(globalThis.localStorage, this.userId(), name, this.store.query()));
    this.naming.set(false);
    this.message.success(this.t('caseload.saved.done', { name }));
  }

  protected applySaved(f: SavedFilter): void {
    this.store.restore(applySavedFilter(f, this.store.query()));
  }

  protected deleteSaved(f: SavedFilter): void {
    this.savedFilters.set(deleteFilter(globalThis.localStorage, this.userId(), f.name));
    this.message.success(this.t('caseload.saved.deleted', { name: f.name }));
  }

  /** What a saved set filters by, for its chip's tooltip. */
  protected savedSummary(f: SavedFilter): string {
    const parts = [
      f.state === null
        ? this.t('caseload.state.active')
        : f.state === 'all'
          ? this.t('caseload.state.all')
          : this.t(`traineeState.${f.state}`),
    ];
    if (f.consent) parts.push(this.t(`caseload.consent.${f.consent}`));
    if (f.releaseFrom || f.releaseTo) parts.push(`${this.t('caseload.releaseWindow')} ${f.releaseFrom || '…'} – ${f.releaseTo || '…'}`);
    parts.push(`${this.t(`caseload.sort.${f.sort}`)} · ${this.t(`caseload.order.${f.order}`)}`);
    return parts.join(' · ');
  }

  protected stateTitle(row: TraineeListItemDto): string {
    const parts = [this.t(`traineeState.${row.state}`)];
    if (row.lostContact) parts.push(this.t('caseload.lostContact'));
    if (row.readOnly) parts.push(this.t('caseload.readOnly'), row.organisationName);
    return parts.join(' · ');
  }

  protected releaseTitle(row: TraineeListItemDto): string {
    const day = this.date(row.releasedOn ?? row.expectedReleaseOn);
    if (row.releasedOn) return `${day} · ${this.t('caseload.actualRelease')}`;
    return row.daysToRelease !== null ? `${day} · ${this.days(row.daysToRelease)}` : day;
  }

  protected checklistText(row: TraineeListItemDto): string {
    return row.checklistTotal > 0 ? `${row.checklistDone}/${row.checklistTotal}` : this.t('none');
  }

  protected exportExcel(): void {
    this.exporting.set(true);
    this.store.exportFile().subscribe({
      next: () => {
        this.exporting.set(false);
        this.message.success(this.t('caseload.exported'));
      },
      error: (err: unknown) => {
        this.exporting.set(false);
        this.notifier.show(toApiError(err));
      },
    });
  }

  protected openCreate(): void {
    this.createUsed.set(true);
    this.creating.set(true);
  }

  protected closeCreate(): void {
    this.creating.set(false);
  }

  protected created(trainee: TraineeDto): void {
    this.creating.set(false);
    this.message.success(this.t('form.created'));
    void this.router.navigate(['/trainees', trainee.id]);
  }
}
