import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, forkJoin, map, of, switchMap } from 'rxjs';
import { ListSkeleton } from '../../shared/list-skeleton';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { OrdersApi } from '../orders-api';
import { OrdersI18n, type OrdersTextKey } from '../orders-i18n';
import { orderStateColor } from '../orders-labels';
import { ORDER_STATES, type FulfilmentDto, type OrderDto, type OrderState } from '../orders-types';
import { EmployerPipelineApi, type EmployerPipelineDto } from './employer-pipeline-api';

interface Summary {
  readonly counts: Readonly<Record<OrderState, number>>;
  readonly total: number;
  /** The orders still in hand (drafts and recruiting), soonest deadline first, with how each fills and how many candidates are new. */
  readonly current: readonly { order: OrderDto; fulfilment: FulfilmentDto | null; newCandidates: number }[];
  /** New candidates, today's interviews, offers awaiting an answer (null: could not be read; the card still shows the orders). */
  readonly pipeline: EmployerPipelineDto | null;
}

/** The employer's workbench card: their orders by state, the ones in hand with hires against headcount, and a way to post one. */
@Component({
  selector: 'jbh-employer-orders-card',
  imports: [RouterLink, NzBadgeModule, NzButtonModule, NzCardModule, NzIconModule, NzProgressModule, NzTagModule, ListSkeleton, LoadError],
  template: `
    <nz-card [nzTitle]="t('home.title')" [nzExtra]="extra" data-testid="employer-orders">
      @if (summary().error; as err) {
        <jbh-load-error [error]="err" (retry)="load()" />
      } @else if (summary().data; as s) {
        @if (!verified()) {
          <p class="hint-warning">{{ t('home.notVerified') }}</p>
        }
        @if (s.pipeline; as p) {
          <div class="pipeline" data-testid="employer-pipeline">
            <div class="pipe" [class.hot]="p.newCandidates > 0" data-testid="pipeline-new">
              <span class="type-count">{{ p.newCandidates }}</span>
              <span class="stat-label">{{ t('pipeline.new') }}</span>
            </div>
            <div class="pipe" [class.hot]="p.interviewsToday > 0" data-testid="pipeline-interviews">
              <span class="type-count">{{ p.interviewsToday }}</span>
              <span class="stat-label">{{ t('pipeline.interviewsToday') }}</span>
            </div>
            <div class="pipe" data-testid="pipeline-offers">
              <span class="type-count">{{ p.offersWaiting }}</span>
              <span class="stat-label">{{ t('pipeline.offersWaiting') }}</span>
            </div>
          </div>
        }
        @if (s.total === 0) {
          <p>{{ t('home.none') }}</p>
        } @else {
          <div class="type-counts">
            @for (state of states; track state) {
              <a [routerLink]="['/orders']" [queryParams]="{ state }" [attr.data-testid]="'orders-count-' + state">
                <span class="type-count">{{ s.counts[state] }}</span>
                <span class="stat-label">{{ t(countKey(state)) }}</span>
              </a>
            }
          </div>
          <ul class="current">
            @for (row of s.current; track row.order.id) {
              <li>
                <a [routerLink]="['/orders', row.order.id]" class="cell-strong">{{ row.order.title }}</a>
                <nz-tag [nzColor]="stateColor(row.order.state)">{{ t(stateKey(row.order.state)) }}</nz-tag>
                @if (row.newCandidates > 0) {
                  <a [routerLink]="['/orders', row.order.id]" class="new-badge" data-testid="order-new-badge">
                    <nz-badge nzStatus="error" />{{ t('pipeline.orderNew', { n: row.newCandidates }) }}
                  </a>
                }
                <span class="fill">
                  <nz-progress
                    [nzPercent]="percent(row.fulfilment, row.order.headcount)"
                    [nzShowInfo]="false"
                    nzSize="small"
                    nzStrokeColor="#389e0d"
                  />
                  <span class="nowrap small">{{
                    t('fill.count', { hired: row.fulfilment?.hired ?? 0, headcount: row.order.headcount })
                  }}</span>
                </span>
              </li>
            }
          </ul>
        }
        <div class="actions">
          <a nz-button nzType="primary" routerLink="/orders/new" data-testid="home-post-order"
            ><nz-icon nzType="plus" /> {{ t('home.post') }}</a
          >
        </div>
      } @else {
        <jbh-list-skeleton variant="cards" [rows]="2" />
      }
    </nz-card>
    <ng-template #extra
      ><a routerLink="/orders">{{ t('home.all') }}</a></ng-template
    >
  `,
  styles: `
    .type-counts {
      grid-template-columns: repeat(4, 1fr);
    }
    :host {
      display: block;
      margin-bottom: 16px;
    }
    .current {
      margin: 12px 0 0;
      padding: 0;
      list-style: none;
    }
    .current li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 10px;
      padding: 8px 0;
      border-bottom: 1px solid #f5f5f5;
    }
    .current nz-tag {
      margin: 0;
    }
    .fill {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-left: auto;
      min-width: 180px;
    }
    .fill nz-progress {
      flex: 1;
    }
    .actions {
      margin-top: 12px;
    }
    .pipeline {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: 8px;
      margin-bottom: 12px;
    }
    .pipe {
      display: flex;
      flex-direction: column;
      align-items: center;
      padding: 8px 4px;
      border-radius: 8px;
      background: #fafafa;
      text-align: center;
    }
    .pipe.hot {
      background: #fff2e8;
    }
    .pipe.hot .type-count {
      color: #d4380d;
    }
    .new-badge {
      color: #d4380d;
      font-weight: 500;
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmployerOrdersCard {
  readonly verified = input(true);
  private readonly api = inject(OrdersApi);
  private readonly pipelineApi = inject(EmployerPipelineApi);
  private readonly i18n = inject(OrdersI18n);
  protected readonly t = this.i18n.t;
  protected readonly stateColor = orderStateColor;
  protected readonly states = ORDER_STATES;
  protected readonly summary = signal<Remote<Summary>>(idle());

  constructor() {
    this.load();
  }

  protected load(): void {
    loadInto(
      this.summary,
      forkJoin([this.api.orders({ page: 1, pageSize: 100 }), this.pipelineApi.pipeline().pipe(catchError(() => of(null)))]).pipe(
        switchMap(([page, pipeline]) => {
          const fresh = new Map((pipeline?.orders ?? []).map((o) => [o.orderId, o.newCandidates]));
          const counts = Object.fromEntries(ORDER_STATES.map((s) => [s, 0])) as Record<OrderState, number>;
          for (const o of page.items) counts[o.state] += 1;
          const current = page.items.filter((o) => o.state === 'open' || o.state === 'draft').slice(0, 5);
          return (
            current.length
              ? forkJoin(
                  current.map((order) =>
                    (order.state === 'open' ? this.api.fulfilment(order.id).pipe(catchError(() => of(null))) : of(null)).pipe(
                      map((fulfilment) => ({ order, fulfilment, newCandidates: fresh.get(order.id) ?? 0 })),
                    ),
                  ),
                )
              : of([])
          ).pipe(map((rows) => ({ counts, total: page.total, current: rows, pipeline })));
        }),
      ),
    );
  }

  protected countKey(state: OrderState): OrdersTextKey {
    return `home.count.${state}`;
  }

  protected stateKey(state: OrderState): OrdersTextKey {
    return `orderState.${state}`;
  }

  protected percent(f: FulfilmentDto | null, headcount: number): number {
    return f && headcount > 0 ? Math.min(100, Math.round((f.hired / headcount) * 100)) : 0;
  }
}
