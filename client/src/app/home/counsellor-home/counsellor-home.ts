import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { TRAINEE_STATES } from '../../core/api/api-types';
import { AuthStore } from '../../core/auth/auth-store';
import { I18n } from '../../core/i18n/i18n';
import { LoadError } from '../../shared/load-error';
import { MyOrganisation } from '../../trainees/my-organisation';
import { HomeStore } from '../home-store';
import { StationHome } from '../station-home/station-home';
import type { FacilityTodayDto } from '../../core/api/generated/models/facility-today-dto';
import { TODAY_GRID_CSS, TodayGrid, TodaySkeleton, type TodaySpec } from '../today/today-card';

/**
 * A counsellor's home. The server's `kind` says which: a community station's (visits, handovers to
 * accept, transfers, people not reached) or a facility's (releases, handovers sent, recommendations,
 * and the caseload by state). No request of its own for the organisation type: `/me/today` answers it.
 */
@Component({
  selector: 'jbh-counsellor-home',
  imports: [RouterLink, NzCardModule, NzEmptyModule, NzIconModule, NzSpinModule, LoadError, StationHome, TodayGrid, TodaySkeleton],
  templateUrl: './counsellor-home.html',
  styles: [
    TODAY_GRID_CSS,
    `
      .caseload-strip {
        min-height: 96px;
      }
      .state-cards a {
        height: 100%;
        min-height: 72px;
        color: inherit;
      }
      .state-cards a:hover,
      .state-cards a:focus-visible {
        background: #fffbf2;
      }
    `,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CounsellorHome {
  protected readonly store = inject(HomeStore);
  protected readonly t = inject(I18n).t;
  protected readonly user = inject(AuthStore).user;
  protected readonly states = TRAINEE_STATES;
  /** Already known elsewhere (the handover and transfer pages read it)? Then the skeleton has the right number of places. */
  private readonly myOrganisation = inject(MyOrganisation);
  protected readonly expectStation = computed(() => this.myOrganisation.type() === 'community_station');

  /** A facility's day: releases and what they still miss, handovers the station has not taken, answers awaited. */
  protected facilityCards(f: FacilityTodayDto): TodaySpec[] {
    return [
      {
        label: 'home.facility.releasing',
        hint: 'home.counsellor.releasingHint',
        count: f.releasesWithin30Days,
        link: '/trainees',
        params: { state: 'pre_release' },
        icon: 'clock-circle',
        testid: 'releasing-link',
      },
      {
        label: 'home.facility.missing',
        hint: 'home.facility.missingHint',
        count: f.releasesMissingSomething,
        link: '/trainees/pre-release',
        icon: 'exclamation-circle',
        urgent: true,
        testid: 'today-releases-missing',
      },
      {
        label: 'home.facility.handovers',
        hint: 'home.facility.handoversHint',
        count: f.handoversWaiting,
        link: '/handovers',
        params: { direction: 'outgoing', state: 'sent' },
        icon: 'swap',
        testid: 'today-handovers-waiting',
      },
      {
        label: 'home.facility.recommendations',
        hint: 'home.facility.recommendationsHint',
        count: f.recommendationsAwaitingTrainee,
        link: '/placements',
        params: { state: 'recommended' },
        icon: 'solution',
        testid: 'today-recommendations',
      },
    ];
  }

  constructor() {
    this.reload();
    // The caseload strip is the facility's: read it once the counts say this is a facility.
    effect(() => {
      if (this.store.today().data?.kind !== 'facility') return;
      untracked(() => {
        if (!this.store.caseload().data && !this.store.caseload().loading) this.store.loadCaseload();
      });
    });
  }

  protected reload(): void {
    this.store.loadToday();
    const orgId = this.user()?.organisationId;
    if (orgId) this.store.loadOrganisation(orgId);
  }
}
