import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { OrganisationDto } from '../../core/api/api-types';
import { AuthStore } from '../../core/auth/auth-store';
import { organisationStatusColor } from '../../shared/labels';
import { EmployerReviewI18n, type EmployerReviewKey } from './employer-review-words';

type Standing = 'pending' | 'rejected' | 'inactive';

const NEXT: Readonly<Record<Standing, readonly EmployerReviewKey[]>> = {
  pending: ['next.pending1', 'next.pending2', 'next.pending3'],
  rejected: ['next.rejected1', 'next.rejected2'],
  inactive: [],
};

/**
 * The employer's home while its organisation is not verified: the status in one sentence, what was
 * submitted (so a mistake can be spotted and reported), what happens next and whom to contact. The
 * server answers nothing else to such an account, so this page is all there is until verification.
 */
@Component({
  selector: 'jbh-employer-review',
  imports: [RouterLink, NzCardModule, NzIconModule, NzTagModule],
  template: `
    @let org = organisation();
    <nz-card class="status-card" [class]="'status-' + standing()" data-testid="employer-review">
      <div class="status-row">
        <nz-icon
          [nzType]="standing() === 'pending' ? 'clock-circle' : standing() === 'rejected' ? 'close-circle' : 'stop'"
          class="status-icon"
        />
        <div>
          <h2 class="status-org" data-testid="employer-review-title">{{ t(titleKey()) }}</h2>
          <nz-tag [nzColor]="statusColor(org.status)" [attr.data-status]="org.status">{{ t(statusKey()) }}</nz-tag>
          <p class="status-text">{{ t(leadKey()) }}</p>
          @if (standing() === 'rejected' && org.statusReason) {
            <p class="status-reason" data-testid="rejection-reason">{{ t('reason', { reason: org.statusReason }) }}</p>
          }
        </div>
      </div>
    </nz-card>

    <nz-card [nzTitle]="t('submitted')" data-testid="employer-review-submitted">
      <dl class="review-fields">
        <dt>{{ t('field.name') }}</dt>
        <dd>{{ org.name }}</dd>
        <dt>{{ t('field.creditCode') }}</dt>
        <dd>
          {{ org.creditCode ?? t('field.empty') }}
          @if (org.creditCodeValid === false) {
            <span class="hint-warning">{{ t('field.creditCodeCheck') }}</span>
          }
        </dd>
        <dt>{{ t('field.division') }}</dt>
        <dd>{{ org.divisionName }}</dd>
        <dt>{{ t('field.contactName') }}</dt>
        <dd>{{ org.contactName ?? t('field.empty') }}</dd>
        <dt>{{ t('field.contactPhone') }}</dt>
        <dd>{{ org.contactPhone ?? t('field.empty') }}</dd>
        <dt>{{ t('field.submittedAt') }}</dt>
        <dd>{{ i18n.dateTime(org.createdAt) }}</dd>
      </dl>
    </nz-card>

    @if (next().length > 0) {
      <nz-card [nzTitle]="t('next')">
        <ol class="next-steps">
          @for (step of next(); track step) {
            <li>{{ t(step) }}</li>
          }
        </ol>
      </nz-card>
    }

    <nz-card [nzTitle]="t('contact')" data-testid="employer-review-contact">
      <p>{{ t('contact.text', { username: username() }) }}</p>
      <p>
        <a routerLink="/account">{{ t('contact.account') }}</a>
      </p>
    </nz-card>
  `,
  styles: `
    .review-fields {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 8px 16px;
      margin: 0;
    }
    .review-fields dt {
      color: rgba(0, 0, 0, 0.55);
    }
    .review-fields dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .review-fields .hint-warning {
      display: block;
    }
    @media (max-width: 575px) {
      .review-fields {
        grid-template-columns: 1fr;
        gap: 2px;
      }
      .review-fields dd {
        margin-bottom: 8px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmployerReview {
  readonly organisation = input.required<OrganisationDto>();

  protected readonly i18n = inject(EmployerReviewI18n);
  protected readonly t = this.i18n.t;
  protected readonly statusColor = organisationStatusColor;
  private readonly user = inject(AuthStore).user;
  protected readonly username = computed(() => this.user()?.username ?? '');

  protected readonly standing = computed((): Standing => {
    const status = this.organisation().status;
    return status === 'rejected' || status === 'inactive' ? status : 'pending';
  });
  protected readonly next = computed(() => NEXT[this.standing()]);
  protected readonly titleKey = computed(() => `title.${this.standing()}` as const);
  protected readonly leadKey = computed(() => `lead.${this.standing()}` as const);
  protected readonly statusKey = computed(() => `orgStatus.${this.organisation().status}` as const);
}
