import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { components } from '../core/api/generated/api';
import { ApiClient } from '../core/api/generated/api-client';
import { notificationsControllerMine } from '../core/api/generated/fn/notifications/notifications-controller-mine';
import { notificationsControllerPreferences } from '../core/api/generated/fn/notifications/notifications-controller-preferences';
import { notificationsControllerRead } from '../core/api/generated/fn/notifications/notifications-controller-read';
import { notificationsControllerReadAll } from '../core/api/generated/fn/notifications/notifications-controller-read-all';
import { notificationsControllerSetPreferences } from '../core/api/generated/fn/notifications/notifications-controller-set-preferences';
import { SILENT_ERRORS } from '../core/errors/error-context';

export type NotificationDto = components['schemas']['NotificationDto'];
export type NotificationListDto = components['schemas']['NotificationListDto'];
export type NotificationPreferencesDto = components['schemas']['NotificationPreferencesDto'];
export type NotificationGroupDto = components['schemas']['NotificationGroupDto'];
export type NotificationGroup = NotificationGroupDto['group'];

/** The bell shows its own state; a failed poll must not pop up a notice on every page. */
const silent = () => new HttpContext().set(SILENT_ERRORS, true);

@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly api = inject(ApiClient);

  /** My latest 50 notices; `after` (a page's `nextCursor`) for the 50 before them. */
  mine(after?: string): Observable<NotificationListDto> {
    return this.api.invoke(notificationsControllerMine, { page: 1, pageSize: 50, ...(after ? { after } : {}) }, silent());
  }

  markAllRead(): Observable<NotificationListDto> {
    return this.api.invoke(notificationsControllerReadAll, {}, silent());
  }

  markRead(id: string): Observable<NotificationListDto> {
    return this.api.invoke(notificationsControllerRead, { id }, silent());
  }

  /** The groups of notices that can reach me, each on or off (the page shows a load failure itself). */
  preferences(): Observable<NotificationPreferencesDto> {
    return this.api.invoke(notificationsControllerPreferences, {}, silent());
  }

  /** Turns off exactly these groups (the others on); a failure is shown by the app-wide notice. */
  setPreferences(mutedGroups: NotificationGroup[]): Observable<NotificationPreferencesDto> {
    return this.api.invoke(notificationsControllerSetPreferences, { body: { mutedGroups } });
  }
}
