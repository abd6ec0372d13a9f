import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Observable, of, throwError } from 'rxjs';
import type { SessionDto } from '../api/api-types';
import { AuthStore } from './auth-store';
import { IDLE_WARNING, IDLE_WARNING_MS, IdleTimeout, KEEPALIVE_MS, LAST_ACTIVITY_KEY, STAFF_IDLE_MINUTES } from './idle-timeout';

const IDLE_MS = STAFF_IDLE_MINUTES * 60_000;

class FakeAuth {
  readonly role = signal<string | null>('counsellor');
  readonly accessToken = signal<string | null>('t0');
  refreshes = 0;
  refreshAnswer: () => Observable<SessionDto> = () => {
    this.accessToken.set(`t${++this.refreshes}`);
    return of({} as SessionDto);
  };
  readonly logout = vi.fn();
  readonly expire = vi.fn();
  refresh(): Observable<SessionDto> {
    return this.refreshAnswer();
  }
}

/** The warning's dialog (fetched on demand in the app): opened at once, or never when `offline`. */
class FakeModal {
  readonly shown: { destroy: () => void }[] = [];
  created = 0;
  prefetched = 0;
  offline = false;
  prefetch() {
    this.prefetched++;
  }
  open(): Promise<{ destroy: () => void }> {
    if (this.offline) return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    this.created++;
    const ref = { destroy: () => this.shown.splice(this.shown.indexOf(ref), 1) };
    this.shown.push(ref);
    return Promise.resolve(ref);
  }
}

describe('IdleTimeout', () => {
  let auth: FakeAuth;
  let modal: FakeModal;
  let idle: IdleTimeout;
  let stop: () => void;

  const input = () => document.dispatchEvent(new MouseEvent('mousedown'));

  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.removeItem(LAST_ACTIVITY_KEY);
    auth = new FakeAuth();
    modal = new FakeModal();
    TestBed.configureTestingModule({
      providers: [
        { provide: AuthStore, useValue: auth },
        { provide: IDLE_WARNING, useValue: { prefetch: () => modal.prefetch(), open: () => modal.open() } },
      ],
    });
    idle = TestBed.inject(IdleTimeout);
  });

  afterEach(() => {
    stop?.();
    vi.useRealTimers();
  });

  it('warns a minute before and signs a staff user out after the idle time without input', async () => {
    stop = idle.start();
    // The warning's code is fetched at start, while the computer is online.
    expect(modal.prefetched).toBe(1);
    vi.advanceTimersByTime(IDLE_MS - IDLE_WARNING_MS - 1000);
    expect(idle.warning()).toBe(false);
    expect(modal.created).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(idle.warning()).toBe(true);
    expect(modal.shown).toHaveLength(1);
    expect(idle.secondsLeft()).toBe(60);
    vi.advanceTimersByTime(30_000);
    expect(idle.secondsLeft()).toBe(30);
    expect(auth.logout).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(auth.logout).toHaveBeenCalledTimes(1);
    // The sign-in page says why (`?notice=idle`).
    expect(auth.logout).toHaveBeenCalledWith('idle');
    expect(modal.shown).toHaveLength(0);
  });

  it('still signs out at the limit when the warning’s code cannot be fetched (offline)', async () => {
    modal.offline = true;
    stop = idle.start();
    await vi.advanceTimersByTimeAsync(IDLE_MS - IDLE_WARNING_MS);
    expect(idle.warning()).toBe(true);
    expect(modal.shown).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(IDLE_WARNING_MS);
    expect(auth.logout).toHaveBeenCalledWith('idle');
  });

  it('closes a warning whose dialog arrives after it was dismissed', async () => {
    stop = idle.start();
    vi.advanceTimersByTime(IDLE_MS - IDLE_WARNING_MS);
    expect(idle.warning()).toBe(true);
    // Another tab was used before the dialog's code arrived: the warning is over, its dialog closes.
    localStorage.setItem(LAST_ACTIVITY_KEY, String(Date.now()));
    vi.advanceTimersByTime(1000);
    expect(idle.warning()).toBe(false);
    await Promise.resolve();
    expect(modal.created).toBe(1);
    expect(modal.shown).toHaveLength(0);
  });

  it('counts from the last input, and refreshes the session after input so the server agrees', () => {
    stop = idle.start();
    vi.advanceTimersByTime(20 * 60_000);
    input();
    // The session was last refreshed at start, over KEEPALIVE_MS ago: refreshed now.
    vi.advanceTimersByTime(0);
    expect(auth.refreshes).toBe(1);
    vi.advanceTimersByTime(IDLE_MS - IDLE_WARNING_MS - 1000);
    expect(idle.warning()).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(idle.warning()).toBe(true);
    expect(auth.logout).not.toHaveBeenCalled();
  });

  it('refreshes at most every KEEPALIVE_MS while someone works, always after their latest input', () => {
    stop = idle.start();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(60_000);
      input();
    }
    // Input every minute for ten minutes: refreshed at 5 and 10 minutes only…
    expect(auth.refreshes).toBe(2);
    // …and once more after the last input (at 10 minutes, just after that refresh).
    vi.advanceTimersByTime(KEEPALIVE_MS);
    expect(auth.refreshes).toBe(3);
    vi.advanceTimersByTime(KEEPALIVE_MS);
    expect(auth.refreshes).toBe(3);
    expect(auth.logout).not.toHaveBeenCalled();
  });

  it('「继续使用」 refreshes the session, closes the warning and starts the count again', async () => {
    stop = idle.start();
    await vi.advanceTimersByTimeAsync(IDLE_MS - IDLE_WARNING_MS + 10_000);
    expect(modal.shown).toHaveLength(1);
    expect(idle.warning()).toBe(true);
    // Input alone does not dismiss the warning.
    input();
    expect(idle.warning()).toBe(true);
    idle.keepWorking();
    expect(auth.refreshes).toBe(1);
    expect(idle.warning()).toBe(false);
    expect(modal.shown).toHaveLength(0);
    vi.advanceTimersByTime(IDLE_MS - IDLE_WARNING_MS - 1000);
    expect(idle.warning()).toBe(false);
    expect(auth.logout).not.toHaveBeenCalled();
  });

  it('signs out when 「继续使用」 finds the session already ended on the server', () => {
    stop = idle.start();
    vi.advanceTimersByTime(IDLE_MS - IDLE_WARNING_MS);
    auth.refreshAnswer = () => throwError(() => new HttpErrorResponse({ status: 401, error: { code: 'SESSION_IDLE' } }));
    idle.keepWorking();
    expect(auth.logout).toHaveBeenCalledWith('idle');
  });

  it('keeps going while another tab of the same browser is in use', () => {
    stop = idle.start();
    vi.advanceTimersByTime(IDLE_MS - IDLE_WARNING_MS);
    expect(idle.warning()).toBe(true);
    localStorage.setItem(LAST_ACTIVITY_KEY, String(Date.now()));
    vi.advanceTimersByTime(1000);
    expect(idle.warning()).toBe(false);
    vi.advanceTimersByTime(IDLE_MS - IDLE_WARNING_MS - 2000);
    expect(auth.logout).not.toHaveBeenCalled();
  });

  it('signs out at once when the computer wakes up past the limit', () => {
    stop = idle.start();
    // Asleep: the clock moves on, no timer ran.
    vi.setSystemTime(Date.now() + IDLE_MS + 60_000);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(auth.logout).toHaveBeenCalledTimes(1);
  });

  it('leaves trainees and employers alone (their own phones)', () => {
    for (const role of ['trainee', 'employer']) {
      auth.role.set(role);
      stop = idle.start();
      vi.advanceTimersByTime(IDLE_MS * 3);
      expect(auth.logout).not.toHaveBeenCalled();
      expect(modal.created).toBe(0);
      stop();
    }
  });

  it('stops with the signed-in frame', () => {
    stop = idle.start();
    stop();
    vi.advanceTimersByTime(IDLE_MS * 2);
    expect(auth.logout).not.toHaveBeenCalled();
  });
});
