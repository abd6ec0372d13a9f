import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { components } from '../../core/api/generated/api';
import { SILENT_ERRORS } from '../../core/errors/error-context';

export type SessionInfoDto = components['schemas']['SessionInfoDto'];
export type SessionsEndedDto = components['schemas']['SessionsEndedDto'];

/** The list shows its own load failure; ending a session is reported by the app-wide notice. */
const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

/** My signed-in devices (登录设备). */
@Injectable({ providedIn: 'root' })
export class SessionsApi {
  private readonly http = inject(HttpClient);

  mine(): Observable<SessionInfoDto[]> {
    return this.http.get<SessionInfoDto[]>('/api/auth/sessions', silent());
  }

  end(id: string): Observable<void> {
    return this.http.delete<void>(`/api/auth/sessions/${encodeURIComponent(id)}`);
  }

  endOthers(): Observable<SessionsEndedDto> {
    return this.http.delete<SessionsEndedDto>('/api/auth/sessions');
  }
}
