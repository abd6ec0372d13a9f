import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { queryParams } from '../../core/api/query-params';
import { SILENT_ERRORS } from '../../core/errors/error-context';
import type {
  CompleteHandoverDto,
  CreateHandoverDto,
  HandoverDto,
  HandoverPageDto,
  HandoverState,
  StationSuggestionDto,
} from '../trainees-types';

const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });
const id = (value: string) => encodeURIComponent(value);

export type HandoverDirection = 'outgoing' | 'incoming';

export interface HandoverQuery {
  readonly direction: HandoverDirection | null;
  readonly state: HandoverState | null;
  readonly overdue: boolean;
  readonly page: number;
  readonly pageSize: number;
}

/** 出所衔接: the sender prepares and sends, the receiving station accepts (or rejects) and completes. */
@Injectable({ providedIn: 'root' })
export class HandoversApi {
  private readonly http = inject(HttpClient);

  list(q: HandoverQuery): Observable<HandoverPageDto> {
    return this.http.get<HandoverPageDto>('/api/handovers', {
      params: queryParams({ direction: q.direction, state: q.state, overdue: q.overdue || null, page: q.page, pageSize: q.pageSize }),
      ...silent(),
    });
  }

  get(handoverId: string): Observable<HandoverDto> {
    return this.http.get<HandoverDto>(`/api/handovers/${id(handoverId)}`, silent());
  }

  suggestedStation(traineeId: string): Observable<StationSuggestionDto> {
    return this.http.get<StationSuggestionDto>(`/api/handovers/suggested-station/${id(traineeId)}`, silent());
  }

  create(dto: CreateHandoverDto): Observable<HandoverDto> {
    return this.http.post<HandoverDto>('/api/handovers', dto, silent());
  }

  send(handoverId: string): Observable<HandoverDto> {
    return this.http.post<HandoverDto>(`/api/handovers/${id(handoverId)}/send`, {}, silent());
  }

  accept(handoverId: string): Observable<HandoverDto> {
    return this.http.post<HandoverDto>(`/api/handovers/${id(handoverId)}/accept`, {}, silent());
  }

  reject(handoverId: string, reason: string): Observable<HandoverDto> {
    return this.http.post<HandoverDto>(`/api/handovers/${id(handoverId)}/reject`, { reason }, silent());
  }

  complete(handoverId: string, dto: CompleteHandoverDto): Observable<HandoverDto> {
    return this.http.post<HandoverDto>(`/api/handovers/${id(handoverId)}/complete`, dto, silent());
  }
}
