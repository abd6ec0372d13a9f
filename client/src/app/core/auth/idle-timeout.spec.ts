import { HttpErrorResponse } from '@angular/common/http';
import { Injector, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NzModalService } from 'ng-zorro-antd/modal';
import { Observable, of, throwError } from 'rxjs';
import type { SessionDto } from '../api/api-types';
import { AuthStore } from './auth-store';
import { IDLE_WARNING_MS, IdleTimeout, KEEPALIVE_MS, LAST_ACTIVITY_KEY, STAFF_IDLE_MINUTES } from './idle-timeout';

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

class FakeModal {
  readonly open: { destroy: () => void }[] = [];
  created = 0;
  create() {
    this.created++;
    const ref = { destroy: () => this.open.splice(this.open.indexOf(ref), 1) };
    this.open.push(ref);
    return ref;
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
        { provide: NzModalService, useValue: modal },
      ],
    });
    idle = TestBed.inject(IdleTimeout);
  });

  afterEach(() => {
    stop?.();
    vi.useRealTimers();
  });

  it('warns a minute before and signs a staff user out after the idle time without input', () => {
    stop = idle.start(TestBed.inject(Injector));
    vi.advanceTimersByTime(IDLE_MS - IDLE_WARNING_MS - 1000);
    expect(idle.warning()).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(idle.warning()).toBe(true);
    expect(modal.open).toHaveLength(1);
    expect(idle.secondsLeft()).toBe(60);
    vi.advanceTimersByTime(30_000);
    expect(idle.secondsLeft()).toBe(30);
    expect(auth.logout).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30_000);
    expect(auth.logout).toHaveBeenCalledTimes(1);
    // The sign-in page says why (`?notice=idle`).
    expect(auth.logout).toHaveBeenCalledWith('idle');
    expect(modal.open).toHaveLength(0);
  });

  it('counts from the last input, and refreshes the session after input so the server agrees', () => {
    stop = idle.start(TestBed.inject(Injector));
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
    stop = idle.start(TestBed.inject(Injector));
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

  it('「继续使用」 refreshes the session, closes the warning and starts the count again', () => {
    stop = idle.start(TestBed.inject(Injector));
    vi.advanceTimersByTime(IDLE_MS - IDLE_WARNING_MS + 10_000);
    expect(idle.warning()).toBe(true);
    // Input alone does not dismiss the warning.
    input();
    expect(idle.warning()).toBe(true);
    idle.keepWorking();
    expect(auth.refreshes).toBe(1);
    expect(idle.warning()).toBe(false);
    expect(modal.open).toHaveLength(0);
    vi.advanceTimersByTime(IDLE_MS - IDLE_WARNING_MS - 1000);
    expect(idle.warning()).toBe(false);
    expect(auth.logout).not.toHaveBeenCalled();
  });

  it('signs out when 「继续使用」 finds the session already ended on the server', () => {
    stop = idle.start(TestBed.inject(Injector));
    vi.advanceTimersByTime(IDLE_MS - IDLE_WARNING_MS);
    auth.refreshAnswer = () => throwError(() => new HttpErrorResponse({ status: 401, error: { code: 'SESSION_IDLE' } }));
    idle.keepWorking();
    expect(auth.logout).toHaveBeenCalledWith('idle');
  });

  it('keeps going while another tab of the same browser is in use', () => {
    stop = idle.start(TestBed.inject(Injector));
    vi.advanceTimersByTime(IDLE_MS - IDLE_WARNING_MS);
    expect(idle.warning()).toBe(true);
    localStorage.setItem(LAST_ACTIVITY_KEY, String(Date.now()));
    vi.advanceTimersByTime(1000);
    expect(idle.warning()).toBe(false);
    vi.advanceTimersByTime(IDLE_MS - IDLE_WARNING_MS - 2000);
    expect(auth.logout).not.toHaveBeenCalled();
  });

  it('signs out at once when the computer wakes up past the limit', () => {
    stop = idle.start(TestBed.inject(Injector));
    // Asleep: the clock moves on, no timer ran.
    vi.setSystemTime(Date.now() + IDLE_MS + 60_000);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(auth.logout).toHaveBeenCalledTimes(1);
  });

  it('leaves trainees and employers alone (their own phones)', () => {
    for (const role of ['trainee', 'employer']) {
      auth.role.set(role);
      stop = idle.start(TestBed.inject(Injector));
      vi.advanceTimersByTime(IDLE_MS * 3);
      expect(auth.logout).not.toHaveBeenCalled();
      expect(modal.created).toBe(0);
      stop();
    }
  });

  it('stops with the signed-in frame', () => {
    stop = idle.start(TestBed.inject(Injector));
    stop();
    vi.advanceTimersByTime(IDLE_MS * 2);
    expect(auth.logout).not.toHaveBeenCalled();
  });
});
