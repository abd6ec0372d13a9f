import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { AuthStore } from '../../core/auth/auth-store';
import { I18n } from '../../core/i18n/i18n';
import { LoadError } from '../../shared/load-error';
import { HomeStore } from '../home-store';

@Component({
  selector: 'jbh-instructor-home',
  imports: [RouterLink, NzButtonModule, NzCardModule, NzDescriptionsModule, NzEmptyModule, NzSpinModule, LoadError],
  templateUrl: './instructor-home.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstructorHome {
  protected readonly store = inject(HomeStore);
  protected readonly t = inject(I18n).t;
  protected readonly user = inject(AuthStore).user;

  constructor() {
    this.reload();
  }

  protected reload(): void {
    const orgId = this.user()?.organisationId;
    if (orgId) this.store.loadOrganisation(orgId);
  }
}
