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
import { TODAY_GRID_CSS, TodayCard, TodaySkeleton } from '../today/today-card';

/**
 * A counsellor's home. The server's `kind` says which: a community station's (visits, handovers to
 * accept, transfers, people not reached) or a facility's (releases, handovers sent, recommendations,
 * and the caseload by state). No request of its own for the organisation type: `/me/today` answers it.
 */
@Component({
  selector: 'jbh-counsellor-home',
  imports: [RouterLink, NzCardModule, NzEmptyModule, NzIconModule, NzSpinModule, LoadError, StationHome, TodayCard, TodaySkeleton],
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
