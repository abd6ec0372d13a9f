import { ChangeDetectionStrategy, Component, type OnInit, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { map } from 'rxjs';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { OrdersApi } from '../orders-api';
import { OrdersI18n, type OrdersTextKey } from '../orders-i18n';
import { placementStateColor } from '../orders-labels';
import type { PlacementDto } from '../orders-types';

/** 就业推荐 on a trainee's file: every order they were put forward for, where each stands, each opening its placement. */
@Component({
  selector: 'jbh-trainee-placements-section',
  imports: [RouterLink, NzIconModule, NzSpinModule, NzTagModule, LoadError],
  template: `
    <section data-testid="trainee-placements">
      @if (list().error; as err) {
        <jbh-load-error [error]="err" (retry)="load()" />
      } @else if (list().data; as items) {
        <ul class="rows">
          @for (p of items; track p.id) {
            <li data-testid="trainee-placement">
              <a [routerLink]="['/placements', p.id]" class="row">
                <strong>{{ p.orderTitle }}</strong>
                <span class="muted">{{ p.employerName }} · {{ p.orderDivisionName }}</span>
                <nz-tag [nzColor]="stateColor(p.state)">{{ t(stateKey(p)) }}</nz-tag>
                <span class="muted small">{{ date(p.createdAt) }}</span>
                <nz-icon nzType="right" class="arrow" />
              </a>
            </li>
          } @empty {
            <li class="muted">{{ t('pl.traineeEmpty') }}</li>
          }
        </ul>
      } @else {
        <nz-spin class="card-spin" />
      }
    </section>
  `,
  styles: `
    .rows {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .rows li {
      border-bottom: 1px solid #f5f5f5;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 10px;
      padding: 10px 4px;
      color: inherit;
    }
    .row nz-tag {
      margin: 0;
    }
    .arrow {
      margin-left: auto;
      color: rgba(0, 0, 0, 0.35);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TraineePlacementsSection implements OnInit {
  readonly traineeId = input.required<string>();
  private readonly api = inject(OrdersApi);
  private readonly i18n = inject(OrdersI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly stateColor = placementStateColor;
  protected readonly list = signal<Remote<PlacementDto[]>>(idle());

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    loadInto(this.list, this.api.placements({ traineeId: this.traineeId(), page: 1, pageSize: 100 }).pipe(map((page) => page.items)));
  }

  protected stateKey(p: PlacementDto): OrdersTextKey {
    return p.endedOn ? 'pState.ended' : `pState.${p.state}`;
  }
}
