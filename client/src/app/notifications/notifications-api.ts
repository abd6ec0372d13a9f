import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { components } from '../core/api/generated/api';
import { SILENT_ERRORS } from '../core/errors/error-context';

export type NotificationDto = components['schemas']['NotificationDto'];
export type NotificationListDto = components['schemas']['NotificationListDto'];

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
}
