import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { SILENT_ERRORS } from './error-context';
import { ErrorNotifier } from './error-notifier';

/**
 * Shows the server's message for failed API calls, unless the caller shows it itself (SILENT_ERRORS).
 * 401s are left to the auth interceptor: it refreshes, or ends the session with its own notice.
 */
export const errorInterceptor: HttpInterceptorFn = (req, next) => {
  const notifier = inject(ErrorNotifier);
  return next(req).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status !== 401 && !req.context.get(SILENT_ERRORS)) {
        notifier.show(error);
      }
      return throwError(() => error);
    }),
  );
};
