import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzQRCodeModule } from 'ng-zorro-antd/qr-code';
import { groupActivationCode } from './activation-code';
import { ActivationI18n } from './activation-i18n';

/**
 * The part of the handover sheet that goes into the person's hands: the code, where to type it and
 * the steps in plain words (你). It names no place and no programme; the QR code opens the activation
 * page only — the code is never in an address.
 */
@Component({
  selector: 'jbh-activation-slip',
  imports: [NzQRCodeModule],
  template: `
    <section class="slip" data-testid="activation-slip">
      <h2 class="slip-title">{{ t('slip.title') }}</h2>
      @if (hasAccount()) {
        <p class="slip-text">{{ t('slip.hasAccount') }}</p>
        <p class="slip-address">{{ address() }}</p>
      } @else {
        <div class="slip-grid">
          <div class="slip-main">
            <p class="slip-label">{{ t('slip.code') }}</p>
            @if (grouped(); as c) {
              <p class="slip-code" data-testid="slip-code">{{ c }}</p>
              @if (expiresAt(); as until) {
                <p class="slip-until">{{ t('slip.until', { date: i18n.date(until) }) }}</p>
              }
            } @else {
              <p class="slip-code slip-blank" data-testid="slip-code-blank">{{ t('slip.blank') }}</p>
            }
            <p class="slip-label">{{ t('slip.address') }}</p>
            <p class="slip-address" data-testid="slip-address">{{ address() }}</p>
          </div>
          <nz-qrcode class="slip-qr" [nzValue]="url()" [nzSize]="120" [nzBordered]="false" [attr.aria-label]="t('slip.qr')" />
        </div>
        <ol class="slip-steps">
          <li>{{ t('slip.step1') }}</li>
          <li>{{ t('slip.step2') }}</li>
          <li>{{ t('slip.step3') }}</li>
          <li>{{ t('slip.step4') }}</li>
        </ol>
        <p class="slip-keep">{{ t('slip.keep') }}</p>
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .slip {
      padding: 16px 20px;
      border: 2px solid #262626;
      border-radius: 8px;
      background: #fff;
      color: #000;
    }
    .slip-title {
      margin: 0 0 8px;
      font-size: 20px;
      font-weight: 700;
    }
    .slip-grid {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      justify-content: space-between;
      gap: 12px;
    }
    .slip-main {
      min-width: 0;
      flex: 1 1 240px;
    }
    .slip-label {
      margin: 4px 0 0;
      color: #434343;
      font-size: 14px;
    }
    .slip-code {
      margin: 0;
      font-family: 'SFMono-Regular', Consolas, 'Liberation Mono', Menlo, monospace;
      font-size: 32px;
      font-weight: 700;
      letter-spacing: 0.08em;
      line-height: 1.3;
      overflow-wrap: anywhere;
    }
    .slip-blank {
      font-family: inherit;
      font-size: 18px;
      font-weight: 400;
      letter-spacing: 0;
      color: #595959;
    }
    .slip-until {
      margin: 0 0 4px;
      font-size: 14px;
    }
    .slip-address {
      margin: 0;
      font-size: 18px;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .slip-qr {
      flex: none;
    }
    .slip-steps {
      margin: 12px 0 8px;
      padding-left: 24px;
      font-size: 16px;
      line-height: 1.7;
    }
    .slip-text,
    .slip-keep {
      margin: 0;
      font-size: 15px;
    }
    .slip-keep {
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActivationSlip {
  readonly code = input<string | null>(null);
  readonly expiresAt = input<string | null>(null);
  readonly hasAccount = input(false);

  protected readonly i18n = inject(ActivationI18n);
  protected readonly t = this.i18n.t;
  private readonly location = inject(DOCUMENT).location;

  protected readonly grouped = computed(() => {
    const c = this.code();
    return c ? groupActivationCode(c) : null;
  });
  protected readonly url = computed(() => `${this.location.origin}/activate`);
  protected readonly address = computed(() => `${this.location.host}/activate`);
}
