import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, forkJoin, map } from 'rxjs';
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

/** The most the server gives in one page: more open handovers than this at once would be a backlog to page through. */
const OPEN_PAGE_SIZE = 100;

export type HandoverDirection = 'outgoing' | 'incoming';

export interface HandoverQuery {
  readonly direction: HandoverDirection | null;
  /** One state, `open` (prepared, sent or accepted: the ones still needing someone), or null for all. */
  readonly state: HandoverState | 'open' | null;
  readonly overdue: boolean;
  readonly page: number;
  readonly pageSize: number;
}

/** 出所衔接: the sender prepares and sends, the receiving station accepts (or rejects) and completes. */
@Injectable({ providedIn: 'root' })
export class HandoversApi {
  private readonly http = inject(HttpClient);

  list(q: HandoverQuery): Observable<HandoverPageDto> {
    if (q.state === 'open') return this.open(q);
    return this.http.get<HandoverPageDto>('/api/handovers', {
      params: queryParams({ direction: q.direction, state: q.state, overdue: q.overdue || null, page: q.page, pageSize: q.pageSize }),
      ...silent(),
    });
  }

  /**
   * The handovers still in progress, as one list: the server filters one state at a time and orders
   * completed ones of years past before this week's open ones, so the three open states are asked for
   * separately (there are few of them) and merged, overdue first, then by release date.
   */
  private open(q: HandoverQuery): Observable<HandoverPageDto> {
    const states: HandoverState[] = ['prepared', 'sent', 'accepted'];
    return forkJoin(states.map((state) => this.list({ ...q, state, page: 1, pageSize: OPEN_PAGE_SIZE }))).pipe(
      map((pages) => {
        const items = pages
          .flatMap((p) => p.items)
          .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.releaseDate.localeCompare(b.releaseDate));
        return { items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) };
      }),
    );
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
