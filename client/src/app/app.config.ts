import { registerLocaleData } from '@angular/common';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import zh from '@angular/common/locales/zh';
import { type ApplicationConfig, Injectable, inject, provideAppInitializer, provideBrowserGlobalErrorListeners } from '@angular/core';
import {
  PreloadingStrategy,
  type Route,
  TitleStrategy,
  provideRouter,
  withComponentInputBinding,
  withInMemoryScrolling,
  withPreloading,
} from '@angular/router';
import { EMPTY, type Observable, catchError, from, switchMap } from 'rxjs';
import { provideNzI18n, zh_CN } from 'ng-zorro-antd/i18n';
import { routes } from './app.routes';
import { slowConnection, whenSettled } from './core/after-start-up';
import { preloadAppStyles } from './core/app-styles';
import { authInterceptor } from './core/auth/auth-interceptor';
import { AuthStore } from './core/auth/auth-store';
import { errorInterceptor } from './core/errors/error-interceptor';
import { idempotencyInterceptor } from './core/http/idempotency-interceptor';
import { retryInterceptor } from './core/errors/retry-interceptor';
import { I18n } from './core/i18n/i18n';
import { I18nTitleStrategy } from './core/i18n/title-strategy';
import type { Role } from './core/api/api-types';

registerLocaleData(zh);

/** The sections each role opens most after signing in (see the side menu in shell/shell.ts). */
const LIKELY_SECTIONS: Readonly<Record<Role, readonly string[]>> = {
  trainee: ['me', 'learning', 'fairs'],
  counsellor: ['trainees', 'follow-ups', 'notifications'],
  employer: ['orders', 'fairs'],
  admin: ['reports', 'trainees', 'admin'],
  instructor: ['teaching'],
  security_admin: ['admin'],
  audit_admin: ['admin'],
};

/**
 * Preloads, once the page is idle, the code of the sections the signed-in role is likely to open next
 * (and each section's first page, its `''` child), so the next tap on a cheap phone does not wait for a
 * download. Nothing for a signed-out visitor, nothing on Save-Data or a 2G connection, and never the
 * sections of other roles.
 */
@Injectable({ providedIn: 'root' })
export class RolePreloading implements PreloadingStrategy {
  private readonly auth = inject(AuthStore);

  preload(route: Route, load: () => Observable<unknown>): Observable<unknown> {
    const role = this.auth.role();
    if (!role || slowConnection()) return EMPTY;
    const path = route.path ?? '';
    if (path !== '' && !LIKELY_SECTIONS[role].includes(path)) return EMPTY;
    return from(whenSettled()).pipe(
      switchMap(() => (this.auth.role() === role ? load() : EMPTY)),
      // A preload is a guess: offline or interrupted, it is dropped; the section loads when it is opened.
      catchError(() => EMPTY),
    );
  }
}

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
      withPreloading(RolePreloading),
    ),
    // Order matters: the error interceptor is outermost, so it sees a 401 only after the auth
    // interceptor has tried its refresh-and-retry. The idempotency key is added outside the auth and
    // retry interceptors, so their resends carry the same key (the server sees one submit, not two).
    provideHttpClient(withFetch(), withInterceptors([errorInterceptor, idempotencyInterceptor, authInterceptor, retryInterceptor])),
    { provide: TitleStrategy, useClass: I18nTitleStrategy },
    provideNzI18n(zh_CN),
    provideAppInitializer(() => {
      preloadAppStyles();
      // A reload keeps the refresh cookie: restore the session before the first route is guarded.
      const language = inject(I18n)
        .restore()
        .catch(() => undefined);
      return Promise.all([language, inject(AuthStore).restore()]).then(() => undefined);
    }),
  ],
};
