import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { TRAINEE_STATES } from '../../core/api/api-types';
import { AuthStore } from '../../core/auth/auth-store';
import { I18n } from '../../core/i18n/i18n';
import { LoadError } from '../../shared/load-error';
import { HomeStore } from '../home-store';

@Component({
  selector: 'jbh-counsellor-home',
  imports: [RouterLink, NzCardModule, NzEmptyModule, NzIconModule, NzSpinModule, LoadError],
  templateUrl: './counsellor-home.html',
  styles: `
    .home-card-link {
      display: block;
      color: inherit;
    }
    .home-card-link:hover nz-card,
    .home-card-link:focus-visible nz-card {
      box-shadow: 0 2px 10px rgba(173, 104, 0, 0.18);
    }
    .state-cards a {
      height: 100%;
      color: inherit;
    }
    .state-cards a:hover {
      background: #fffbf2;
    }
    .home-links {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      font-size: 15px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CounsellorHome {
  protected readonly store = inject(HomeStore);
  protected readonly t = inject(I18n).t;
  protected readonly user = inject(AuthStore).user;
  protected readonly states = TRAINEE_STATES;

  constructor() {
    this.reload();
  }

  protected reload(): void {
    this.store.loadCaseload();
    const orgId = this.user()?.organisationId;
    if (orgId) this.store.loadOrganisation(orgId);
  }
}
