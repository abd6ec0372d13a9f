import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { components } from '../core/api/generated/api';
import { ApiClient } from '../core/api/generated/api-client';
import { followUpsControllerList } from '../core/api/generated/fn/follow-ups/follow-ups-controller-list';
import { followUpsControllerRecord } from '../core/api/generated/fn/follow-ups/follow-ups-controller-record';
import { SILENT_ERRORS } from '../core/errors/error-context';

type S = components['schemas'];
export type FollowUpVisitDto = S['FollowUpVisitDto'];
export type FollowUpPageDto = S['FollowUpPageDto'];
export type RecordVisitDto = S['RecordVisitDto'];
export type FollowUpDetailDto = S['FollowUpDetailDto'];

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

@Injectable({ providedIn: 'root' })
export class FollowUpsApi {
  private readonly api = inject(ApiClient);

  /** 100 visits; `after` (a page's `nextCursor`) for the 100 after them. */
  list(view: 'due' | 'upcoming' | 'done', after?: string): Observable<FollowUpPageDto> {
    return this.api.invoke(followUpsControllerList, { view, page: 1, pageSize: 100, ...(after ? { after } : {}) }, silent());
  }

  record(visitId: string, dto: RecordVisitDto): Observable<FollowUpDetailDto> {
    return this.api.invoke(followUpsControllerRecord, { id: visitId, body: dto }, silent());
  }
}
