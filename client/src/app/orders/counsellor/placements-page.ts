import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { Subscription } from 'rxjs';
import { ListSkeleton } from '../../shared/list-skeleton';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { Viewport } from '../../shared/viewport';
import { OrdersApi, type PlacementQuery } from '../orders-api';
import { OrdersI18n } from '../orders-i18n';
import { placementStateColor } from '../orders-labels';
import { PLACEMENT_STATES, type PlacementPageDto, type PlacementState } from '../orders-types';

/** `/placements`: the counsellor's trainees across orders, filtered by state (kept in the address bar). */
@Component({
  selector: 'jbh-placements-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzPaginationModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    ListSkeleton,
    LoadError,
  ],
  templateUrl: './placements-page.html',
  styleUrl: '../orders.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlacementsPage {
  private readonly api = inject(OrdersApi);
  private readonly i18n = inject(OrdersI18n);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly isEnglish = this.i18n.isEnglish;
  protected readonly isPhone = inject(Viewport).isPhone;
  protected readonly stateColor = placementStateColor;
  protected readonly states = PLACEMENT_STATES;

  protected readonly query = signal<PlacementQuery>({ state: null, page: 1, pageSize: 20 });
  protected readonly list = signal<Remote<PlacementPageDto>>(idle());
  private inFlight: Subscription | null = null;

  constructor() {
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((params) => {
      const state = params.get('state') as PlacementState | null;
      this.query.set({
        state: state && PLACEMENT_STATES.includes(state) ? state : null,
        page: Math.max(1, Number(params.get('page')) || 1),
        pageSize: 20,
      });
      this.load();
    });
  }

  protected load(): void {
    this.inFlight?.unsubscribe();
    this.inFlight = loadInto(this.list, this.api.placements(this.query()));
  }

  protected filter(state: PlacementState | 'all'): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { state: state === 'all' ? null : state, page: null } });
  }

  protected setPage(page: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { page: page > 1 ? page : null }, queryParamsHandling: 'merge' });
  }

  protected open(id: string): void {
    void this.router.navigate(['/placements', id]);
  }
}
