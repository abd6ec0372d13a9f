import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { StationTodayDto } from '../../core/api/generated/models/station-today-dto';
import { I18n } from '../../core/i18n/i18n';
import { TODAY_GRID_CSS, TodayCard } from '../today/today-card';

/**
 * A community station counsellor's day: visits due and late, handovers and transfers waiting for the
 * station's answer, people not reached. Each number opens the list it counts.
 */
@Component({
  selector: 'jbh-station-home',
  imports: [TodayCard],
  template: `
    <ul class="today-grid" data-testid="today-station">
      <li>
        <jbh-today-card
          [label]="t('home.station.overdue')"
          [hint]="t('home.station.overdueHint')"
          [count]="today().visitsOverdue"
          link="/follow-ups"
          [params]="{ view: 'due', overdue: 1 }"
          icon="exclamation-circle"
          [urgent]="true"
          testid="today-visits-overdue"
        />
      </li>
      <li>
        <jbh-today-card
          [label]="t('home.station.dueToday')"
          [hint]="t('home.station.dueTodayHint')"
          [count]="today().visitsDueToday"
          link="/follow-ups"
          [params]="{ view: 'due' }"
          icon="phone"
          testid="today-visits-due"
        />
      </li>
      <li>
        <jbh-today-card
          [label]="t('home.station.handovers')"
          [hint]="t('home.station.handoversHint')"
          [count]="today().handoversToAccept"
          link="/handovers"
          [params]="{ direction: 'incoming', state: 'sent' }"
          icon="swap"
          testid="today-handovers-accept"
        />
      </li>
      <li>
        <jbh-today-card
          [label]="t('home.station.notReached')"
          [hint]="t('home.station.notReachedHint')"
          [count]="today().notReached"
          link="/follow-ups/lost-contacts"
          icon="environment"
          [urgent]="true"
          testid="today-not-reached"
        />
      </li>
      <li>
        <jbh-today-card
          [label]="t('home.station.transfers')"
          [hint]="t('home.station.transfersHint')"
          [count]="today().transfersToAnswer"
          link="/follow-ups/transfers"
          [params]="{ direction: 'incoming', state: 'requested' }"
          icon="send"
          testid="today-transfers-answer"
        />
      </li>
    </ul>
  `,
  styles: TODAY_GRID_CSS,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StationHome {
  protected readonly t = inject(I18n).t;
  readonly today = input.required<StationTodayDto>();
}
