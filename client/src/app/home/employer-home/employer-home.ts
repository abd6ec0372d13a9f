import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
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
import { HomeStore } from '../home-store';

interface StatusView {
  readonly icon: string;
  readonly tone: 'pending' | 'verified' | 'rejected' | 'inactive';
  readonly text: TranslationKey;
  readonly next: readonly TranslationKey[];
}

@Component({
  selector: 'jbh-employer-home',
  imports: [NzCardModule, NzIconModule, NzSpinModule, NzTagModule, LoadError, EmployerOrdersCard],
  templateUrl: './employer-home.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmployerHome {
  protected readonly store = inject(HomeStore);
  protected readonly t = inject(I18n).t;
  protected readonly user = inject(AuthStore).user;
  protected readonly statusColor = organisationStatusColor;

  /** What the verification status means for the employer, and what they can do about it. */
  protected readonly view = computed((): StatusView | null => {
    const org = this.store.organisation().data;
    if (!org) return null;
    switch (org.status) {
      case 'verified':
      case 'active':
        return {
          icon: 'check-circle',
          tone: 'verified',
          text: 'home.employer.verified',
          next: ['home.employer.next.verified1', 'home.employer.next.verified2'],
        };
      case 'rejected':
        return {
          icon: 'close-circle',
          tone: 'rejected',
          text: 'home.employer.rejected',
          next: ['home.employer.next.rejected1', 'home.employer.next.rejected2'],
        };
      case 'inactive':
        return { icon: 'stop', tone: 'inactive', text: 'home.employer.inactive', next: [] };
      case 'pending':
        return {
          icon: 'clock-circle',
          tone: 'pending',
          text: 'home.employer.pending',
          next: ['home.employer.next.pending1', 'home.employer.next.pending2'],
        };
    }
  });

  constructor() {
    this.reload();
  }

  protected reload(): void {
    const orgId = this.user()?.organisationId;
    if (orgId) this.store.loadOrganisation(orgId);
  }
}
