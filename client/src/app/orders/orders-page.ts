import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, type Subscription, catchError, debounceTime, distinctUntilChanged, forkJoin, map, of, switchMap } from 'rxjs';
import { AuthStore } from '../core/auth/auth-store';
import { ListSkeleton } from '../shared/list-skeleton';
import { LoadError } from '../shared/load-error';
import { ReferenceStore } from '../shared/reference-store';
import { type Remote, idle, loadInto } from '../shared/remote';
import { Viewport } from '../shared/viewport';
import { EmployerPipelineApi } from './employer/employer-pipeline-api';
import { type OrderQuery, OrdersApi } from './orders-api';
import { OrdersI18n, type OrdersTextKey } from './orders-i18n';
import { orderStateColor } from './orders-labels';
import { ORDER_STATES, type FulfilmentDto, type OccupationDto, type OrderDto, type OrderState } from './orders-types';

export interface OrderRow {
  readonly order: OrderDto;
  /** Null while it loads or if it failed: the row still shows. */
  readonly fulfilment: FulfilmentDto | null;
}

interface OrderListPage {
  readonly items: OrderRow[];
  readonly total: number;
}

/**
 * `/orders`: an employer's own orders (with a button to post one), a counsellor's open orders (filter
 * by occupation and workplace), or every order for the admin (read only). Each row shows how it fills.
 */
@Component({
  selector: 'jbh-orders-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzPaginationModule,
    NzProgressModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    ListSkeleton,
    LoadError,
  ],
  templateUrl: './orders-page.html',
  styleUrl: './orders.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrdersPage {
  private readonly api = inject(OrdersApi);
  private readonly pipeline = inject(EmployerPipelineApi);
  private readonly i18n = inject(OrdersI18n);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly reference = inject(ReferenceStore);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly wage = this.i18n.wage;
  protected readonly pick = this.i18n.pick;
  protected readonly isEnglish = this.i18n.isEnglish;
  protected readonly isPhone = inject(Viewport).isPhone;
  protected readonly role = inject(AuthStore).role;
  protected readonly isEmployer = computed(() => this.role() === 'employer');
  protected readonly isCounsellor = computed(() => this.role() === 'counsellor');
  protected readonly stateColor = orderStateColor;
  protected readonly states = ORDER_STATES;
  protected readonly divisions = this.reference.divisions;

  /** The dense table's width: its columns' `nzWidth`s (an employer's list has no employer column). */
  protected readonly tableWidth = computed(
    () => `${this.isEnglish() ? 1090 - (this.isEmployer() ? 180 : 0) : 1080 - (this.isEmployer() ? 190 : 0)}px`,
  );

  protected readonly title = computed((): OrdersTextKey =>
    this.isEmployer() ? 'list.employerTitle' : this.isCounsellor() ? 'list.counsellorTitle' : 'list.adminTitle',
  );
  protected readonly subtitle = computed((): OrdersTextKey =>
    this.isEmployer() ? 'list.employerSubtitle' : this.isCounsellor() ? 'list.counsellorSubtitle' : 'list.adminSubtitle',
  );

  protected readonly query = signal<OrderQuery>({ state: null, occupationCode: null, divisionCode: null, page: 1, pageSize: 20 });
  protected readonly list = signal<Remote<OrderListPage>>(idle());
  protected readonly occupationOptions = signal<OccupationDto[]>([]);
  private readonly occupationTyped = new Subject<string>();
  private inFlight: Subscription | null = null;

  /** Employers: new (unopened) candidates per order, for the badge beside its title. */
  protected readonly fresh = signal(new Map<string, number>());

  constructor() {
    this.reference.loadDivisions();
    if (this.isEmployer()) {
      // A badge is a nicety: a failed count leaves the list as it was.
      this.pipeline.pipeline().subscribe({
        next: (p) => this.fresh.set(new Map(p.orders.filter((o) => o.newCandidates > 0).map((o) => [o.orderId, o.newCandidates]))),
        error: () => undefined,
      });
    }
    // Filters live in the address bar, so a filtered list can be shared and survives a reload.
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((params) => {
      const state = params.get('state') as OrderState | null;
      this.query.set({
        state: state && ORDER_STATES.includes(state) ? state : null,
        occupationCode: params.get('occupation'),
        divisionCode: params.get('division'),
        page: Math.max(1, Number(params.get('page')) || 1),
        pageSize: 20,
      });
      this.load();
    });
    this.occupationTyped
      .pipe(
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) =>
          q.trim() ? this.api.occupations(q.trim()).pipe(catchError(() => of({ items: [] as OccupationDto[] }))) : of({ items: [] }),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((page) => this.occupationOptions.set(page.items));
  }

  protected load(): void {
    this.inFlight?.unsubscribe();
    this.inFlight = loadInto(
      this.list,
      this.api.orders(this.query()).pipe(
        switchMap((page) =>
          page.items.length === 0
            ? of({ items: [] as OrderRow[], total: page.total })
            : forkJoin(
                page.items.map((order) =>
                  // Drafts have no candidates yet: no need to ask.
                  (order.state === 'draft' ? of(null) : this.api.fulfilment(order.id).pipe(catchError(() => of(null)))).pipe(
                    map((fulfilment): OrderRow => ({ order, fulfilment })),
                  ),
                ),
              ).pipe(map((items) => ({ items, total: page.total }))),
        ),
      ),
    );
  }

  protected searchOccupations(q: string): void {
    this.occupationTyped.next(q);
  }

  protected filter(patch: {
    state?: OrderState | 'all' | null;
    occupation?: string | null;
    division?: string | null;
    page?: number;
  }): void {
    const q = this.query();
    const next = {
      state: patch.state !== undefined ? (patch.state === 'all' ? null : patch.state) : q.state,
      occupation: patch.occupation !== undefined ? patch.occupation : q.occupationCode,
      division: patch.division !== undefined ? patch.division : q.divisionCode,
      page: patch.page ?? 1,
    };
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        state: next.state,
        occupation: next.occupation || null,
        division: next.division || null,
        page: next.page > 1 ? next.page : null,
      },
    });
  }

  protected open(id: string): void {
    void this.router.navigate(['/orders', id]);
  }

  /** The title cell's tooltip: the whole title, and the employer's new candidates. */
  protected titleOf(row: OrderRow): string {
    const n = this.fresh().get(row.order.id);
    return n ? `${row.order.title} · ${this.t('pipeline.orderNew', { n })}` : row.order.title;
  }

  protected hiredPercent(row: OrderRow): number {
    const f = row.fulfilment;
    return f && f.headcount > 0 ? Math.min(100, Math.round((f.hired / f.headcount) * 100)) : 0;
  }
}
