import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { AuthStore } from '../../core/auth/auth-store';
import { I18n } from '../../core/i18n/i18n';
import { LoadError } from '../../shared/load-error';
import { HomeStore } from '../home-store';
import { TODAY_GRID_CSS, TodayCard, TodaySkeleton } from '../today/today-card';

/** An instructor's day: sessions running today, attendance not yet taken, class applications to decide. */
@Component({
  selector: 'jbh-instructor-home',
  imports: [RouterLink, NzButtonModule, LoadError, TodayCard, TodaySkeleton],
  templateUrl: './instructor-home.html',
  styles: [
    TODAY_GRID_CSS,
    `
      .page-head a[nz-button] {
        min-height: 48px;
        display: inline-flex;
        align-items: center;
      }
    `,
  ],
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
    this.store.loadToday();
    const orgId = this.user()?.organisationId;
    if (orgId) this.store.loadOrganisation(orgId);
  }
}
