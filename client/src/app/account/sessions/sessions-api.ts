import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { components } from '../../core/api/generated/api';
import { ApiClient } from '../../core/api/generated/api-client';
import { sessionsControllerEnd } from '../../core/api/generated/fn/auth/sessions-controller-end';
import { sessionsControllerEndOthers } from '../../core/api/generated/fn/auth/sessions-controller-end-others';
import { sessionsControllerList } from '../../core/api/generated/fn/auth/sessions-controller-list';
import { SILENT_ERRORS } from '../../core/errors/error-context';

export type SessionInfoDto = components['schemas']['SessionInfoDto'];
export type SessionsEndedDto = components['schemas']['SessionsEndedDto'];

/** The list shows its own load failure; ending a session is reported by the app-wide notice. */
const silent = () => new HttpContext().set(SILENT_ERRORS, true);

/** My signed-in devices (登录设备). */
@Injectable({ providedIn: 'root' })
export class SessionsApi {
  private readonly api = inject(ApiClient);

  mine(): Observable<SessionInfoDto[]> {
    return this.api.invoke(sessionsControllerList, {}, silent());
  }

  end(id: string): Observable<void> {
    return this.api.invoke(sessionsControllerEnd, { id });
  }

  endOthers(): Observable<SessionsEndedDto> {
    return this.api.invoke(sessionsControllerEndOthers, {});
  }
}
