import { DOCUMENT } from '@angular/common';
import { EnvironmentInjector, Injectable, InjectionToken, NgZone, computed, inject, signal } from '@angular/core';
import { whenSettled } from '../after-start-up';
import { I18n } from '../i18n/i18n';
import { AuthStore, isSessionRefused } from './auth-store';

/**
 * Staff screens sign out after this long without input (mouse, keyboard, touch). The server ends
 * a staff session unused for STAFF_IDLE_MINUTES (same default, server/src/auth/sessions.service.ts);
 * keep the two equal.
 */
export const STAFF_IDLE_MINUTES = 30;
/** The warning shows this long before the sign-out. */
export const IDLE_WARNING_MS = 60_000;
/**
 * While someone works, the session is refreshed at most this often — always after their latest
 * input, so the server never counts a working person as idle before this page does.
 */
export const KEEPALIVE_MS = 5 * 60_000;

/** An open warning, closed by the timer when the time runs out or someone comes back. */
export interface IdleWarningHandle {
  destroy(): void;
}

/**
 * Opens the one-minute warning. Its dialog and ng-zorro's modal are fetched when the first warning is
 * due (`idle-warning.ts`), not with every staff page; `IdleTimeout.start` asks for them ahead, once the
 * first page has loaded and while the computer is online.
 */
export const IDLE_WARNING = new InjectionToken<{ prefetch(): void; open(title: string): Promise<IdleWarningHandle> }>('IDLE_WARNING', {
  providedIn: 'root',
  factory: () => {
    const injector = inject(EnvironmentInjector);
    const load = () => import('./idle-warning');
    return {
      prefetch: () =>
        void whenSettled()
          .then(load)
          .catch(() => undefined),
      open: (title) => load().then((m) => m.openIdleWarning(injector, title)),
    };
  },
});

/** Roles on shared office computers. Trainees and employers use their own phones: no idle sign-out. */
const STAFF_ROLES: readonly string[] = ['admin', 'security_admin', 'audit_admin', 'counsellor', 'instructor'];

/** Last input in any tab of this browser: one tab in use keeps the others (same session) open. */
export const LAST_ACTIVITY_KEY = 'jbh.lastActivity';

const ACTIVITY_EVENTS = ['mousedown', 'mousemove', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;

const WORDS = {
  zh: {
    title: '即将自动退出登录',
    body: '您已有一段时间没有操作。为保护数据安全，将在 {s} 秒后自动退出登录。',
    keep: '继续使用',
    leave: '立即退出',
  },
  en: {
    title: 'You will be signed out soon',
    body: 'You have not used this page for a while. To keep the data safe, you will be signed out in {s} seconds.',
    keep: 'Keep working',
    leave: 'Sign out now',
  },
} as const;

function readShared(): number {
  try {
    return Number(globalThis.localStorage?.getItem(LAST_ACTIVITY_KEY)) || 0;
  } catch {
    return 0;
  }
}

function writeShared(at: number): void {
  try {
    globalThis.localStorage?.setItem(LAST_ACTIVITY_KEY, String(at));
  } catch {
    // Storage unavailable: each tab keeps its own time.
  }
}

/**
 * Signs a staff user out after STAFF_IDLE_MINUTES without input, with a warning a minute before
 * (「继续使用」 refreshes the session and carries on). Times are wall-clock, so a laptop woken from
 * sleep past the limit signs out at once rather than when its paused timers catch up.
 * Started by the signed-in frame (`start()` returns the stop function).
 */
@Injectable({ providedIn: 'root' })
export class IdleTimeout {
  private readonly auth = inject(AuthStore);
  private readonly i18n = inject(I18n);
  private readonly document = inject(DOCUMENT);
  private readonly zone = inject(NgZone);

  private readonly remaining = signal(0);
  private readonly warningShown = signal(false);

  /** Seconds until the sign-out while the warning is up. */
  readonly secondsLeft = this.remaining.asReadonly();
  readonly warning = this.warningShown.asReadonly();

  private running = false;
  private lastActivity = 0;
  private lastRefresh = 0;
  private seenToken: string | null = null;
  private checkTimer: ReturnType<typeof setTimeout> | null = null;
  private keepAliveTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly warningDialog = inject(IDLE_WARNING);
  private dialog: IdleWarningHandle | null = null;
  /** Counts the warnings shown: a dialog that arrives after its warning was closed is closed at once. */
  private warnings = 0;
  private readonly onActivity = () => this.activity();
  private readonly onVisible = () => this.document.visibilityState === 'visible' && this.check();

  /** Starts watching when the signed-in user is staff (the signed-in frame); returns the function that stops it. */
  start(): () => void {
    const role = this.auth.role();
    if (this.running || !role || !STAFF_ROLES.includes(role)) return () => undefined;
    this.running = true;
    this.warningDialog.prefetch();
    const now = Date.now();
    this.lastActivity = now;
    this.lastRefresh = now;
    this.seenToken = this.auth.accessToken();
    writeShared(now);
    // Outside Angular: a mouse move must not run change detection.
    this.zone.runOutsideAngular(() => {
      for (const name of ACTIVITY_EVENTS) this.document.addEventListener(name, this.onActivity, { capture: true, passive: true });
      this.document.addEventListener('visibilitychange', this.onVisible);
    });
    this.schedule();
    return () => this.stop();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const name of ACTIVITY_EVENTS) this.document.removeEventListener(name, this.onActivity, { capture: true });
    this.document.removeEventListener('visibilitychange', this.onVisible);
    this.clearTimers();
    this.closeWarning();
  }

  /** 「继续使用」: refresh the session (so the server agrees) and start the count again. */
  keepWorking(): void {
    this.auth.refresh().subscribe({
      next: () => {
        this.lastRefresh = Date.now();
        this.seenToken = this.auth.accessToken();
        this.markActive(Date.now());
        this.closeWarning();
        this.schedule();
      },
      error: (e: unknown) => {
        // The server had already ended it: sign out as if the time had run out.
        if (isSessionRefused(e)) this.signOut();
      },
    });
  }

  /** 「立即退出」, or the time ran out. */
  signOut(): void {
    this.stop();
    // The sign-in page says why (src/sign-in/: `?notice=idle`).
    this.zone.run(() => this.auth.logout('idle'));
  }

  private activity(): void {
    // While the warning is up only its button keeps the session: a cat on the keyboard does not.
    if (!this.running || this.warningShown()) return;
    const now = Date.now();
    if (now - this.lastActivity < 1000) return;
    this.markActive(now);
    this.scheduleKeepAlive();
  }

  private markActive(at: number): void {
    this.lastActivity = at;
    writeShared(at);
  }

  /** Every input is followed by a refresh within KEEPALIVE_MS, so the server's "last used" is never older than it. */
  private scheduleKeepAlive(): void {
    if (this.keepAliveTimer !== null) return;
    const token = this.auth.accessToken();
    if (token !== this.seenToken) {
      // Refreshed meanwhile (an expired access token, another request): that counts.
      this.seenToken = token;
      this.lastRefresh = Date.now();
    }
    const delay = Math.max(0, this.lastRefresh + KEEPALIVE_MS - Date.now());
    this.keepAliveTimer = setTimeout(() => {
      this.keepAliveTimer = null;
      if (!this.running || this.warningShown()) return;
      this.auth.refresh().subscribe({
        next: () => {
          this.lastRefresh = Date.now();
          this.seenToken = this.auth.accessToken();
        },
        // A refusal ends the session like any refused refresh; an unanswered one is retried at the next input.
        error: (e: unknown) => {
          if (isSessionRefused(e)) {
            this.stop();
            this.zone.run(() => this.auth.expire());
          }
        },
      });
    }, delay);
  }

  private latestActivity(): number {
    return Math.max(this.lastActivity, readShared());
  }

  private schedule(): void {
    if (this.checkTimer !== null) clearTimeout(this.checkTimer);
    const deadline = this.latestActivity() + STAFF_IDLE_MINUTES * 60_000;
    const now = Date.now();
    // During the warning: tick every second for the countdown.
    const wait = this.warningShown() ? Math.min(1000, deadline - now) : deadline - IDLE_WARNING_MS - now;
    this.checkTimer = setTimeout(
      () => {
        this.checkTimer = null;
        this.check();
      },
      Math.max(0, wait),
    );
  }

  private check(): void {
    if (!this.running) return;
    const now = Date.now();
    const deadline = this.latestActivity() + STAFF_IDLE_MINUTES * 60_000;
    if (now >= deadline) {
      this.signOut();
      return;
    }
    if (now >= deadline - IDLE_WARNING_MS) {
      this.remaining.set(Math.ceil((deadline - now) / 1000));
      if (!this.warningShown()) this.showWarning();
    } else if (this.warningShown()) {
      // Another tab was used meanwhile: this one goes on too.
      this.closeWarning();
    }
    this.schedule();
  }

  private showWarning(): void {
    this.warningShown.set(true);
    const shown = ++this.warnings;
    this.warningDialog.open(this.words().title).then(
      (dialog) => {
        if (shown === this.warnings && this.warningShown()) this.dialog = dialog;
        else this.zone.run(() => dialog.destroy());
      },
      // Never fetched and now offline: no dialog, but the countdown still signs out at the limit.
      () => undefined,
    );
  }

  private closeWarning(): void {
    this.warningShown.set(false);
    this.warnings++;
    const dialog = this.dialog;
    this.dialog = null;
    if (dialog) this.zone.run(() => dialog.destroy());
  }

  private clearTimers(): void {
    if (this.checkTimer !== null) clearTimeout(this.checkTimer);
    if (this.keepAliveTimer !== null) clearTimeout(this.keepAliveTimer);
    this.checkTimer = this.keepAliveTimer = null;
  }

  /** The dialog's words in the current language. */
  readonly words = computed(() => (this.i18n.isEnglish() ? WORDS.en : WORDS.zh));
}
