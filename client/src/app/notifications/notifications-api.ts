import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { components } from '../core/api/generated/api';
import { SILENT_ERRORS } from '../core/errors/error-context';

export type NotificationDto = components['schemas']['NotificationDto'];
export type NotificationListDto = components['schemas']['NotificationListDto'];
export type NotificationPreferencesDto = components['schemas']['NotificationPreferencesDto'];
export type NotificationGroupDto = components['schemas']['NotificationGroupDto'];
export type NotificationGroup = NotificationGroupDto['group'];

/** The bell shows its own state; a failed poll must not pop up a notice on every page. */
const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  mine(): Observable<NotificationListDto> {
    return this.http.get<NotificationListDto>('/api/notifications', silent());
  }

  markAllRead(): Observable<NotificationListDto> {
    return this.http.post<NotificationListDto>('/api/notifications/read', null, silent());
  }

  markRead(id: string): Observable<NotificationListDto> {
    return this.http.post<NotificationListDto>(`/api/notifications/${encodeURIComponent(id)}/read`, null, silent());
  }

  /** The groups of notices that can reach me, each on or off (the page shows a load failure itself). */
  preferences(): Observable<NotificationPreferencesDto> {
    return this.http.get<NotificationPreferencesDto>('/api/notifications/preferences', silent());
  }

  /** Turns off exactly these groups (the others on); a failure is shown by the app-wide notice. */
  setPreferences(mutedGroups: NotificationGroup[]): Observable<NotificationPreferencesDto> {
    return this.http.put<NotificationPreferencesDto>('/api/notifications/preferences', { mutedGroups });
  }
}
