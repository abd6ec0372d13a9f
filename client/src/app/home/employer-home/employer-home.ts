import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { AuthStore } from '../../core/auth/auth-store';
import { I18n } from '../../core/i18n/i18n';
import type { TranslationKey } from '../../core/i18n/zh';
import { organisationStatusColor } from '../../shared/labels';
import { EmployerOrdersCard } from '../../orders/employer/employer-orders-card';
import { LoadError } from '../../shared/load-error';
import { EmployerStanding } from '../employer-standing';
import { HomeStore } from '../home-store';
import { EmployerReview } from './employer-review';

interface StatusView {
  readonly icon: string;
  readonly tone: 'verified';
  readonly text: TranslationKey;
  readonly next: readonly TranslationKey[];
}

@Component({
  selector: 'jbh-employer-home',
  imports: [NzCardModule, NzIconModule, NzSpinModule, NzTagModule, LoadError, EmployerOrdersCard, EmployerReview],
  templateUrl: './employer-home.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmployerHome {
  protected readonly store = inject(HomeStore);
  protected readonly t = inject(I18n).t;
  protected readonly user = inject(AuthStore).user;
  protected readonly statusColor = organisationStatusColor;
  private readonly standing = inject(EmployerStanding);

  /** A verified employer's status and next steps; an unverified one gets the review page (EmployerReview) instead. */
  protected readonly view = computed((): StatusView | null => {
    const org = this.store.organisation().data;
    if (org?.status !== 'verified' && org?.status !== 'active') return null;
    return {
      icon: 'check-circle',
      tone: 'verified',
      text: 'home.employer.verified',
      next: ['home.employer.next.verified1', 'home.employer.next.verified2'],
    };
  });

  constructor() {
    this.reload();
    // What the home read is the newest status: the menu follows it (a verification opens 订单 and 招聘会).
    effect(() => {
      const org = this.store.organisation().data;
      if (org) this.standing.seen(org);
    });
  }

  protected reload(): void {
    const orgId = this.user()?.organisationId;
    if (orgId) this.store.loadOrganisation(orgId);
  }
}
