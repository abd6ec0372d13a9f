import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { PortalI18n } from './portal-i18n';
import type { PortalKey } from './portal-zh';

const DISCREET: readonly PortalKey[] = ['privacy.cannot1', 'privacy.cannot2', 'privacy.cannot3'];
const FRANK: readonly PortalKey[] = ['frank.privacy.cannot1', 'frank.privacy.cannot2', 'frank.privacy.cannot3', 'frank.privacy.cannot4'];

/**
 * Privacy as a visible feature: what an employer can see, and what it never sees, in plain words.
 * Where others may be looking (the "mine" page) it says so without naming the programme — what is
 * kept from employers is "anything in 我的档案"; `frank` (the private consents page) names it.
 */
@Component({
  selector: 'jbh-privacy-box',
  imports: [NzIconModule],
  template: `
    <section class="privacy" aria-labelledby="privacy-title" data-testid="privacy-box">
      <h2 id="privacy-title" class="privacy-title"><nz-icon nzType="safety-certificate" /> {{ t('privacy.title') }}</h2>
      <div class="privacy-cols">
        <div class="privacy-col can">
          <h3><nz-icon nzType="eye" /> {{ t('privacy.can') }}</h3>
          <ul>
            <li>{{ t('privacy.can1') }}</li>
            <li>{{ t('privacy.can2') }}</li>
            <li>{{ t('privacy.can3') }}</li>
          </ul>
        </div>
        <div class="privacy-col cannot">
          <h3><nz-icon nzType="eye-invisible" /> {{ t('privacy.cannot') }}</h3>
          <ul>
            @for (line of cannot(); track line) {
              <li>{{ t(line) }}</li>
            }
          </ul>
        </div>
      </div>
      <p class="privacy-after">{{ t('privacy.after') }}</p>
      <p class="privacy-law">{{ t(frank() ? 'frank.privacy.law' : 'privacy.law') }}</p>
    </section>
  `,
  styles: `
    .privacy {
      margin-bottom: 16px;
      padding: 16px;
      border-radius: 14px;
      background: #f6ffed;
      border: 1px solid #b7eb8f;
    }
    .privacy-title {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0 0 12px;
      font-size: 18px;
    }
    .privacy-title nz-icon {
      color: #389e0d;
    }
    .privacy-cols {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 12px;
    }
    .privacy-col {
      padding: 10px 12px;
      border-radius: 10px;
      background: #fff;
    }
    .privacy-col h3 {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: 0 0 6px;
      font-size: 16px;
    }
    .can h3 {
      color: #0958d9;
    }
    .cannot h3 {
      color: #237804;
    }
    .privacy-col ul {
      margin: 0;
      padding-left: 18px;
    }
    .privacy-col li {
      margin: 4px 0;
    }
    .privacy-after {
      margin: 12px 0 0;
    }
    .privacy-law {
      margin: 6px 0 0;
      color: rgba(0, 0, 0, 0.6);
      font-size: 14px;
    }
    @media (max-width: 480px) {
      .privacy-cols {
        grid-template-columns: 1fr;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PrivacyBox {
  /** Say plainly what is kept from employers (rehab history, the facility, follow-up records). */
  readonly frank = input(false);
  protected readonly t = inject(PortalI18n).t;
  protected readonly cannot = computed(() => (this.frank() ? FRANK : DISCREET));
}
