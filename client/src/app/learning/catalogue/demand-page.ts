import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import type { DemandSupplyRowDto } from '../learning-types';
import { AdminLearningNav } from './admin-learning-nav';

/**
 * `/admin/learning/demand`: where open orders ask for more people than are trained — what makes
 * training "精准". Biggest gap first, per occupation and city/county.
 */
@Component({
  selector: 'jbh-demand-page',
  imports: [NzTableModule, NzTagModule, LoadError, AdminLearningNav],
  template: `
    <div class="page" data-testid="demand-page">
      <header class="page-head">
        <div>
          <h1 class="page-title">{{ t('adminLearning.title') }}</h1>
        </div>
      </header>
      <jbh-admin-learning-nav />
      <p class="page-subtitle">{{ t('demand.intro') }}</p>
      @if (rows().error; as err) {
        <jbh-load-error [error]="err" (retry)="load()" />
      }
      <p class="muted" data-testid="demand-summary">{{ t('demand.summary', { short: shortRows(), people: shortPeople() }) }}</p>
      <nz-table
        #table
        class="data-table"
        [nzData]="rows().data ?? []"
        [nzLoading]="rows().loading"
        [nzPageSize]="30"
        [nzHideOnSinglePage]="true"
        [nzNoResult]="t('demand.none')"
        [nzScroll]="{ x: '820px' }"
        nzSize="middle"
        data-testid="demand-table"
      >
        <thead>
          <tr>
            <th nzLeft>{{ t('courses.occupation') }}</th>
            <th>{{ t('demand.division') }}</th>
            <th>{{ t('demand.orders') }}</th>
            <th>{{ t('demand.demand') }}</th>
            <th>{{ t('demand.certified') }}</th>
            <th>{{ t('demand.inTraining') }}</th>
            <th>{{ t('demand.gap') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (r of table.data; track r.occupationCode + r.divisionCode) {
            <tr data-testid="demand-row">
              <td nzLeft class="cell-strong">
                {{ r.occupationName }}
                <div class="muted small mono">{{ r.occupationCode }}</div>
              </td>
              <td>{{ r.divisionName }}</td>
              <td>{{ r.openOrders }}</td>
              <td>{{ r.demand }}</td>
              <td>{{ r.certified }}</td>
              <td>{{ r.inTraining }}</td>
              <td>
                @if (r.gap > 0) {
                  <nz-tag nzColor="red">{{ t('demand.short', { n: r.gap }) }}</nz-tag>
                } @else {
                  <nz-tag nzColor="green">{{ t('demand.enough') }}</nz-tag>
                }
              </td>
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DemandPage {
  private readonly api = inject(LearningApi);
  protected readonly t = inject(LearningI18n).t;
  protected readonly rows = signal<Remote<DemandSupplyRowDto[]>>(idle());
  protected readonly shortRows = computed(() => (this.rows().data ?? []).filter((r) => r.gap > 0).length);
  protected readonly shortPeople = computed(() => (this.rows().data ?? []).reduce((a, r) => a + Math.max(0, r.gap), 0));

  constructor() {
    this.load();
  }

  protected load(): void {
    loadInto(this.rows, this.api.demandSupply());
  }
}
