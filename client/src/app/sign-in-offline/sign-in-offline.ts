import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { SIGN_IN_PATH } from '../core/auth/sign-in-address';
import { I18n } from '../core/i18n/i18n';
import { Brand } from '../shared/brand';

/**
 * Shown instead of the sign-in page when there is no connection: that page is loaded from the server
 * (src/sign-in/), and a sign-out in the field, offline, would otherwise end on the browser's own error
 * page. It opens the sign-in page by itself once the connection is back. Part of the main bundle (no
 * lazy chunk to fetch offline), in plain markup with ng-zorro's button classes.
 */
@Component({
  selector: 'jbh-sign-in-offline',
  imports: [Brand],
  template: `
    <div class="auth-page">
      <header class="auth-top"><jbh-brand /></header>
      <main class="auth-main">
        <section class="auth-card" data-testid="sign-in-offline" aria-labelledby="sign-in-offline-title">
          <h1 id="sign-in-offline-title" class="auth-title">{{ t('signIn.offlineTitle') }}</h1>
          <p class="auth-subtitle" role="status">{{ t('signIn.offlineBody') }}</p>
          <button type="button" class="ant-btn ant-btn-primary ant-btn-lg ant-btn-block" (click)="open()">
            {{ t('signIn.offlineOpen') }}
          </button>
        </section>
      </main>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInOffline {
  /** The sign-in address the app was going to (`?to=`, from the router's guard). */
  readonly to = input<string | undefined>(undefined);
  protected readonly t = inject(I18n).t;
  private readonly location = inject(DOCUMENT).location;
  private readonly target = computed(() => {
    const to = this.to();
    return to && to.startsWith(SIGN_IN_PATH) ? to : SIGN_IN_PATH;
  });

  constructor() {
    const onOnline = () => this.open();
    globalThis.addEventListener?.('online', onOnline);
    inject(DestroyRef).onDestroy(() => globalThis.removeEventListener?.('online', onOnline));
  }

  protected open(): void {
    this.location.assign(this.target());
  }
}
