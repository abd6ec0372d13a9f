import {
  CUSTOM_ELEMENTS_SCHEMA,
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  InjectionToken,
  computed,
  inject,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { authControllerChallenge } from '../core/api/generated/fn/auth/auth-controller-challenge';
import { I18n } from '../core/i18n/i18n';

/** Where the widget fetches its proof-of-work challenge (self-hosted: no third-party call). */
export const ALTCHA_CHALLENGE_URL: string = authControllerChallenge.PATH;

/**
 * Loads and registers the `<altcha-widget>` custom element. Only pages that need the second step
 * download it; unit tests replace it with a no-op (the element then stays an inert tag).
 */
export const ALTCHA_WIDGET_LOADER = new InjectionToken<() => Promise<void>>('ALTCHA_WIDGET_LOADER', {
  providedIn: 'root',
  factory: () => loadAltchaWidget,
});

/** The widget's words in Chinese (its footer, audio and code challenges are not used here). */
const ALTCHA_ZH: Record<string, string> = {
  ariaLinkLabel: 'ALTCHA',
  enterCode: '输入验证码',
  enterCodeAria: '输入您听到的验证码。按空格键播放音频。',
  error: '验证失败，请稍后再试。',
  expired: '验证已过期，请重试。',
  footer: '',
  getAudioChallenge: '获取语音验证码',
  label: '安全验证',
  loading: '加载中…',
  reload: '重新加载',
  verify: '验证',
  verificationRequired: '请先完成安全验证。',
  verified: '验证通过',
  verifying: '正在验证…',
  waitAlert: '正在验证，请稍候。',
};

let loading: Promise<void> | undefined;
function loadAltchaWidget(): Promise<void> {
  loading ??= (async () => {
    await import('altcha');
    // The widget ships English; its Chinese words are ours (no extra download).
    globalThis.$altcha.i18n.set('zh-cn', ALTCHA_ZH);
    // Solve in workers from our own origin (see altcha-pbkdf2.worker.ts); the challenge uses PBKDF2/SHA-256.
    globalThis.$altcha.algorithms.set(
      'PBKDF2/SHA-256',
      () => new Worker(new URL('./altcha-pbkdf2.worker', import.meta.url), { type: 'module' }),
    );
  })();
  return loading;
}

/** The `statechange` event of `<altcha-widget>`. */
type AltchaStateEvent = CustomEvent<{ state: string; payload?: string }>;

/**
 * The sign-in page's second step after repeated failures: an ALTCHA proof-of-work check that
 * starts by itself and emits the solved payload (or null when it expires or fails), which the
 * sign-in request then carries as `altcha`. CUSTOM_ELEMENTS_SCHEMA is on this component only.
 */
@Component({
  selector: 'jbh-login-challenge',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <div class="login-challenge" data-testid="login-challenge">
      @if (ready()) {
        <altcha-widget
          #widget
          [attr.challenge]="challengeUrl"
          auto="onload"
          [attr.language]="language()"
          configuration='{"hideFooter":true}'
          (statechange)="onStateChange($event)"
        ></altcha-widget>
      }
    </div>
  `,
  styles: `
    .login-challenge {
      margin-bottom: 24px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginChallenge {
  private readonly i18n = inject(I18n);
  private readonly load = inject(ALTCHA_WIDGET_LOADER);
  private readonly widget = viewChild<ElementRef<HTMLElement & { reset?: () => void; verify?: () => Promise<unknown> }>>('widget');

  /** The solved payload, or null when there is none (yet, or any more). */
  readonly solved = output<string | null>();

  protected readonly challengeUrl = ALTCHA_CHALLENGE_URL;
  protected readonly ready = signal(false);
  protected readonly language = computed(() => (this.i18n.isEnglish() ? 'en' : 'zh-cn'));

  constructor() {
    void this.load().then(
      () => this.ready.set(true),
      // Without the widget the page still works: the server keeps answering CHALLENGE_REQUIRED with its message.
      () => this.ready.set(false),
    );
  }

  protected onStateChange(event: Event): void {
    const { state, payload } = (event as AltchaStateEvent).detail ?? { state: '' };
    this.solved.emit(state === 'verified' && payload ? payload : null);
  }

  /** A payload opens one attempt: after it was sent, solve a fresh challenge for the next one. */
  renew(): void {
    this.solved.emit(null);
    const widget = this.widget()?.nativeElement;
    widget?.reset?.();
    void widget?.verify?.();
  }
}
