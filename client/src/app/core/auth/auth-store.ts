import { HttpErrorResponse, HttpContext } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Observable, catchError, defer, finalize, from, map, of, shareReplay, tap, timeout } from 'rxjs';
import type { LoginDto, MfaChallengeDto, Role, SessionDto, SessionUserDto } from '../api/api-types';
import { ApiClient } from '../api/generated/api-client';
import { authControllerLogin } from '../api/generated/fn/auth/auth-controller-login';
import { authControllerLogout } from '../api/generated/fn/auth/auth-controller-logout';
import { authControllerMfa } from '../api/generated/fn/auth/auth-controller-mfa';
import { authControllerRefresh } from '../api/generated/fn/auth/auth-controller-refresh';
import { SILENT_ERRORS } from '../errors/error-context';
import { hasSessionHint, SESSION_HINT_KEY, setSessionHint, takeEarlyRefresh, withRefreshLock } from './early-refresh';
import { type SignInNotice, signInAddress } from './sign-in-address';

export { SESSION_HINT_KEY };

export const AUTH_URLS = {
  login: authControllerLogin.PATH,
  refresh: authControllerRefresh.PATH,
  logout: authControllerLogout.PATH,
  mfa: authControllerMfa.PATH,
} as const;

/** Calls that manage the session themselves: no bearer token, no refresh-and-retry on 401. */
export function isSessionCall(url: string): boolean {
  return url === AUTH_URLS.login || url === AUTH_URLS.refresh || url === AUTH_URLS.logout || url === AUTH_URLS.mfa;
}

/**
 * How long a sign-out waits for the server before leaving for the sign-in page anyway. The sign-in page
 * is a full page load, which would cancel the request: the server must have revoked the session and
 * cleared the cookie first (a shared phone), unless it does not answer at all.
 */
const LOGOUT_WAIT_MS = 4000;

/** The server looked at the refresh token and said no (as opposed to not answering). */
export function isSessionRefused(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status >= 400 && error.status < 500 && error.status !== 429;
}

/**
 * The session. The access token lives in memory only (never in storage); the refresh token is an
 * httpOnly cookie the browser sends to /api/auth, so a reload restores the session with one refresh.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);

  private readonly session = signal<SessionDto | null>(null);
  private refreshInFlight: Observable<SessionDto> | null = null;

  readonly user = computed<SessionUserDto | null>(() => this.session()?.user ?? null);
  readonly accessToken = computed<string | null>(() => this.session()?.accessToken ?? null);
  readonly isAuthenticated = computed(() => this.session() !== null);
  readonly role = computed<Role | null>(() => this.session()?.user.role ?? null);

  /**
   * Signs in. An account with two-step verification gets a challenge instead of a session: no
   * session starts until the code is accepted (login/mfa-step.ts).
   */
  login(credentials: LoginDto): Observable<SessionDto | MfaChallengeDto> {
    return this.api
      .invoke(authControllerLogin, { body: credentials }, new HttpContext().set(SILENT_ERRORS, true))
      .pipe(tap((answer) => 'mfaRequired' in answer || this.start(answer)));
  }

  /**
   * Exchanges the refresh cookie for a new access token. Concurrent callers share one request, so a
   * burst of 401s costs a single rotation.
   */
  refresh(): Observable<SessionDto> {
    this.refreshInFlight ??= defer(() => from(this.earlyOrServerRefresh())).pipe(
      // Only a refusal ends the session; a server that is away (5xx, no network) leaves it for the next try.
      tap({ next: (session) => this.start(session), error: (e: unknown) => isSessionRefused(e) && this.forget() }),
      finalize(() => (this.refreshInFlight = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshInFlight;
  }

  /**
   * The refresh main.ts sent before the app started, if nobody took it yet; else one to the server.
   * An early answer that never came or a server that was away (0, 5xx) is asked again the usual way,
   * with the retry interceptor's patience; any other refusal counts as the server's no.
   */
  private earlyOrServerRefresh(): Promise<SessionDto> {
    const server = (): Promise<SessionDto> =>
      withRefreshLock(
        () =>
          new Promise<SessionDto>((resolve, reject) => {
            this.api
              .invoke(authControllerRefresh, {}, new HttpContext().set(SILENT_ERRORS, true))
              .subscribe({ next: resolve, error: reject });
          }),
      );
    const early = takeEarlyRefresh();
    if (!early) return server();
    return early.then(({ status, body }) => {
      if (status >= 200 && status < 300 && body) return body as SessionDto;
      if (status === 0 || status >= 500) return server();
      // The same error type as the app's own refresh gives, so isSessionRefused reads both alike.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw new HttpErrorResponse({ status, error: body, url: AUTH_URLS.refresh });
    });
  }

  /** On start-up: quietly restore the session from the refresh cookie, if there is one. */
  restore(): Promise<void> {
    if (!hasSessionHint()) return Promise.resolve();
    return new Promise((resolve) => {
      this.refresh()
        .pipe(
          map(() => undefined),
          catchError(() => of(undefined)),
        )
        .subscribe({ complete: () => resolve() });
    });
  }

  /**
   * Signs out on the server, then here, then leaves for the sign-in page (a full page load: nothing of
   * this session stays in memory). `notice`: why, shown there once (a staff idle sign-out).
   */
  logout(notice?: SignInNotice): void {
    this.api
      .invoke(authControllerLogout, {}, new HttpContext().set(SILENT_ERRORS, true))
      .pipe(
        timeout(LOGOUT_WAIT_MS),
        catchError(() => of(undefined)),
      )
      .subscribe({
        complete: () => {
          this.forget();
          void this.router.navigateByUrl(signInAddress({ notice }));
        },
      });
  }

  /** The session is over (refresh refused): forget it and send the user to sign in again, back to where they were. */
  expire(): void {
    this.forget();
    const current = this.router.url;
    if (current.startsWith('/login')) return;
    void this.router.navigateByUrl(signInAddress({ returnUrl: current, notice: 'expired' }));
  }

  hasRole(...roles: Role[]): boolean {
    const role = this.role();
    return role !== null && roles.includes(role);
  }

  private start(session: SessionDto): void {
    this.session.set(session);
    setSessionHint(true);
  }

  private forget(): void {
    this.session.set(null);
    setSessionHint(false);
  }
}
