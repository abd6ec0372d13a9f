import { registerLocaleData } from '@angular/common';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import zh from '@angular/common/locales/zh';
import { type ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners } from '@angular/core';
import { TitleStrategy, provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideNzI18n, zh_CN } from 'ng-zorro-antd/i18n';
import { routes } from './app.routes';
import { loadAppStyles } from './core/app-styles';
import { authInterceptor } from './core/auth/auth-interceptor';
import { AuthStore } from './core/auth/auth-store';
import { errorInterceptor } from './core/errors/error-interceptor';
import { idempotencyInterceptor } from './core/http/idempotency-interceptor';
import { retryInterceptor } from './core/errors/retry-interceptor';
import { I18n } from './core/i18n/i18n';
import { I18nTitleStrategy } from './core/i18n/title-strategy';

registerLocaleData(zh);

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    // Order matters: the error interceptor is outermost, so it sees a 401 only after the auth
    // interceptor has tried its refresh-and-retry. The idempotency key is added outside the auth and
    // retry interceptors, so their resends carry the same key (the server sees one submit, not two).
    provideHttpClient(withFetch(), withInterceptors([errorInterceptor, idempotencyInterceptor, authInterceptor, retryInterceptor])),
    { provide: TitleStrategy, useClass: I18nTitleStrategy },
    provideNzI18n(zh_CN),
    provideAppInitializer(() => {
      void loadAppStyles();
      // A reload keeps the refresh cookie: restore the session before the first route is guarded.
      const language = inject(I18n)
        .restore()
        .catch(() => undefined);
      return Promise.all([language, inject(AuthStore).restore()]).then(() => undefined);
    }),
  ],
};
