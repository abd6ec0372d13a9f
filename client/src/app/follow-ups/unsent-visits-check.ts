import { EnvironmentInjector, Injectable, inject } from '@angular/core';
import { whenSettled } from '../core/after-start-up';
import { I18n } from '../core/i18n/i18n';
import { VisitOutbox } from './visit-outbox';

const dialog = () => import('./unsent-visits-dialog');

/**
 * Asked before signing out (the staff frame's menu, the trainee's 我的). The dialog and ng-zorro's modal
 * are loaded only when visits are waiting: every other sign-out, and every page's first load, goes
 * without them. Their code is fetched ahead (`prepare`) wherever visits can be typed, so it is on the
 * phone before the connection goes.
 */
@Injectable({ providedIn: 'root' })
export class UnsentVisitsCheck {
  private readonly outbox = inject(VisitOutbox);
  private readonly injector = inject(EnvironmentInjector);
  private readonly i18n = inject(I18n);

  /**
   * Fetches the dialog's code, so an offline sign-out can ask: at once where visits are typed (the
   * follow-ups page, which may go offline any moment), `later` elsewhere (a counsellor's frame, once
   * the first page has loaded).
   */
  prepare(later = false): void {
    void (later ? whenSettled() : Promise.resolve()).then(dialog).catch(() => undefined);
  }

  /**
   * Whether to go on signing out. With visits still waiting: 立即发送 / 保留 / 丢弃 go on, 取消 stays.
   * If the outbox cannot be read, signing out goes on: its visits stay sealed for their owner. If the
   * dialog's code cannot be fetched (offline before it was ever loaded), the browser's own question
   * asks the same thing: going on keeps the visits sealed on the phone, as 保留 does.
   */
  async confirmLogout(): Promise<boolean> {
    let n: number;
    try {
      n = await this.outbox.unsentCount();
    } catch {
      return true;
    }
    if (!n) return true;
    let ask: (typeof import('./unsent-visits-dialog'))['askAboutUnsentVisits'];
    try {
      ask = (await dialog()).askAboutUnsentVisits;
    } catch {
      return globalThis.confirm(this.i18n.t('nav.unsentConfirm', { n }));
    }
    return ask(this.injector);
  }
}
