import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { queryParams } from '../core/api/query-params';
import type { components } from '../core/api/generated/api';
import { SILENT_ERRORS } from '../core/errors/error-context';

type S = components['schemas'];
export type FollowUpVisitDto = S['FollowUpVisitDto'];
export type FollowUpPageDto = S['FollowUpPageDto'];
export type RecordVisitDto = S['RecordVisitDto'];
export type FollowUpDetailDto = S['FollowUpDetailDto'];

const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

@Injectable({ providedIn: 'root' })
export class FollowUpsApi {
  private readonly http = inject(HttpClient);

  list(view: 'due' | 'upcoming' | 'done'): Observable<FollowUpPageDto> {
    return this.http.get<FollowUpPageDto>('/api/follow-ups', { params: queryParams({ view, page: 1, pageSize: 100 }), ...silent() });
  }

  record(visitId: string, dto: RecordVisitDto): Observable<FollowUpDetailDto> {
    return this.http.post<FollowUpDetailDto>(`/api/follow-ups/${encodeURIComponent(visitId)}/record`, dto, silent());
  }
}
