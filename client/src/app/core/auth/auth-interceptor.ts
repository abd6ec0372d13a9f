import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
import { AuthStore, isSessionCall, isSessionRefused } from './auth-store';

function withBearer<T>(req: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}

/**
 * Adds the bearer token to API calls. On a 401 it refreshes the session once (concurrent 401s share
 * that one refresh) and retries; when the refresh is refused the session is over and the user is sent
 * to sign in again — but not when the server did not answer (5xx, offline): that keeps the session.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.url.startsWith('/api/') || isSessionCall(req.url)) return next(req);
  const auth = inject(AuthStore);
  const sentToken = auth.accessToken();
  return next(withBearer(req, sentToken)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
      // Another request already refreshed while this one was on the wire: just retry with the new token.
      const current = auth.accessToken();
      if (current && current !== sentToken) return next(withBearer(req, current));
      return auth.refresh().pipe(
        catchError((refreshError: unknown) => {
          // Refused: the session is over. Not answered (database blip, network): keep the session
          // and show why this request failed; the next one refreshes again.
          if (!isSessionRefused(refreshError)) return throwError(() => refreshError);
          auth.expire();
          return throwError(() => error);
        }),
        switchMap((session) => next(withBearer(req, session.accessToken))),
      );
    }),
  );
};
