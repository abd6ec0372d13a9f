import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';
import type { components } from '../core/api/generated/api';
import { ApiClient } from '../core/api/generated/api-client';
import { followUpsControllerClearAppointment } from '../core/api/generated/fn/follow-ups/follow-ups-controller-clear-appointment';
import { followUpsControllerList } from '../core/api/generated/fn/follow-ups/follow-ups-controller-list';
import { followUpsControllerSetAppointment } from '../core/api/generated/fn/follow-ups/follow-ups-controller-set-appointment';
import { followUpsControllerRecord } from '../core/api/generated/fn/follow-ups/follow-ups-controller-record';
import { SILENT_ERRORS } from '../core/errors/error-context';

type S = components['schemas'];
export type FollowUpVisitDto = S['FollowUpVisitDto'];
export type FollowUpPageDto = S['FollowUpPageDto'];
export type RecordVisitDto = S['RecordVisitDto'];
export type FollowUpDetailDto = S['FollowUpDetailDto'];

export interface VisitFilter {
  overdue?: boolean;
  stationId?: string;
}

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

@Injectable({ providedIn: 'root' })
export class FollowUpsApi {
  private readonly api = inject(ApiClient);

  /**
   * 100 visits; `after` (a page's `nextCursor`) for the 100 after them; `filter` narrows the due view to
   * the late ones or to one station (what the homes' cards count).
   */
  list(view: 'due' | 'upcoming' | 'done', after?: string, filter: VisitFilter = {}): Observable<FollowUpPageDto> {
    return this.api.invoke(
      followUpsControllerList,
      {
        view,
        page: 1,
        pageSize: 100,
        ...(after ? { after } : {}),
        ...(filter.overdue ? { overdue: 'true' as const } : {}),
        ...(filter.stationId ? { stationId: filter.stationId } : {}),
      },
      silent(),
    );
  }

  /** How many visits are due or overdue (the station's 回访 tab badge): the page's total, no rows worth reading. */
  dueCount(): Observable<number> {
    return this.api.invoke(followUpsControllerList, { view: 'due', page: 1, pageSize: 1 }, silent()).pipe(map((p) => p.total));
  }

  /** Books a time with the person (an instant with its +08:00 offset); they get a neutral reminder. */
  setAppointment(visitId: string, at: string): Observable<FollowUpVisitDto> {
    return this.api.invoke(followUpsControllerSetAppointment, { id: visitId, body: { at } }, silent());
  }

  clearAppointment(visitId: string): Observable<FollowUpVisitDto> {
    return this.api.invoke(followUpsControllerClearAppointment, { id: visitId }, silent());
  }

  record(visitId: string, dto: RecordVisitDto): Observable<FollowUpDetailDto> {
    return this.api.invoke(followUpsControllerRecord, { id: visitId, body: dto }, silent());
  }
}
