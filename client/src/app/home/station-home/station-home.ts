import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { StationTodayDto } from '../../core/api/generated/models/station-today-dto';
import { TodayGrid, type TodaySpec } from '../today/today-card';

/**
 * A community station counsellor's day: visits due and late, handovers and transfers waiting for the
 * station's answer, people not reached. Each number opens the list it counts, filtered the same way.
 */
@Component({
  selector: 'jbh-station-home',
  imports: [TodayGrid],
  template: `<jbh-today-grid [cards]="cards()" testid="today-station" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StationHome {
  readonly today = input.required<StationTodayDto>();

  protected readonly cards = computed((): TodaySpec[] => {
    const d = this.today();
    return [
      {
        label: 'home.station.overdue',
        hint: 'home.station.overdueHint',
        count: d.visitsOverdue,
        link: '/follow-ups',
        params: { view: 'due', overdue: 1 },
        icon: 'exclamation-circle',
        urgent: true,
        testid: 'today-visits-overdue',
      },
      {
        label: 'home.station.dueToday',
        hint: 'home.station.dueTodayHint',
        count: d.visitsDueToday,
        link: '/follow-ups',
        params: { view: 'due' },
        icon: 'phone',
        testid: 'today-visits-due',
      },
      {
        label: 'home.station.handovers',
        hint: 'home.station.handoversHint',
        count: d.handoversToAccept,
        link: '/handovers',
        params: { direction: 'incoming', state: 'sent' },
        icon: 'swap',
        testid: 'today-handovers-accept',
      },
      {
        label: 'home.station.notReached',
        hint: 'home.station.notReachedHint',
        count: d.notReached,
        link: '/follow-ups/lost-contacts',
        icon: 'environment',
        urgent: true,
        testid: 'today-not-reached',
      },
      {
        label: 'home.station.transfers',
        hint: 'home.station.transfersHint',
        count: d.transfersToAnswer,
        link: '/follow-ups/transfers',
        params: { direction: 'incoming', state: 'requested' },
        icon: 'send',
        testid: 'today-transfers-answer',
      },
    ];
  });
}
