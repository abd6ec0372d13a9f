import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { ORGANISATION_TYPES } from '../../core/api/api-types';
import { AuthStore } from '../../core/auth/auth-store';
import { I18n } from '../../core/i18n/i18n';
import { LoadError } from '../../shared/load-error';
import { HomeStore } from '../home-store';

/** 系统管理员's home. No audit log here: 三权分立 gives it to the audit administrator alone. */
@Component({
  selector: 'jbh-admin-home',
  imports: [RouterLink, NzCardModule, NzButtonModule, NzIconModule, NzSpinModule, NzTagModule, LoadError],
  templateUrl: './admin-home.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminHome {
  protected readonly store = inject(HomeStore);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly user = inject(AuthStore).user;
  protected readonly types = ORGANISATION_TYPES;

  constructor() {
    this.store.loadPendingEmployers();
    this.store.loadOrganisationCounts();
  }
}
