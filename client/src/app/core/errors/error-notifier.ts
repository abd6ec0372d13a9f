import { Injectable, Injector, inject } from '@angular/core';
import type { NzNotificationService } from 'ng-zorro-antd/notification';
import { I18n } from '../i18n/i18n';
import { type ApiError, toApiError } from './api-error';

/**
 * One place that tells the user an action failed, in their language, with the request id for support.
 * The notification component (and the CDK overlay under it) loads on the first error, not at start-up.
 */
@Injectable({ providedIn: 'root' })
export class ErrorNotifier {
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18n);
  private notifications?: Promise<NzNotificationService>;

  show(error: unknown): ApiError {
    const apiError = toApiError(error);
    const lines = [this.i18n.errorMessage(apiError)];
    if (apiError.requestId) lines.push(this.i18n.t('error.requestId', { id: apiError.requestId }));
    const title = this.i18n.t('error.title');
    void this.service().then((n) =>
      n.error(title, lines.join('\n'), { nzDuration: 8000, nzClass: 'app-error-notice', nzKey: `${apiError.code}:${apiError.message}` }),
    );
    return apiError;
  }

  private service(): Promise<NzNotificationService> {
    this.notifications ??= import('ng-zorro-antd/notification').then((m) => this.injector.get(m.NzNotificationService));
    return this.notifications;
  }
}
