import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, forkJoin, map } from 'rxjs';
import { ApiClient } from '../../core/api/generated/api-client';
import { handoversControllerAccept } from '../../core/api/generated/fn/handovers/handovers-controller-accept';
import { handoversControllerComplete } from '../../core/api/generated/fn/handovers/handovers-controller-complete';
import { handoversControllerCreate } from '../../core/api/generated/fn/handovers/handovers-controller-create';
import { handoversControllerGet } from '../../core/api/generated/fn/handovers/handovers-controller-get';
import { handoversControllerList } from '../../core/api/generated/fn/handovers/handovers-controller-list';
import { handoversControllerReject } from '../../core/api/generated/fn/handovers/handovers-controller-reject';
import { handoversControllerSend } from '../../core/api/generated/fn/handovers/handovers-controller-send';
import { handoversControllerSuggest } from '../../core/api/generated/fn/handovers/handovers-controller-suggest';
import { operationQuery } from '../../core/api/query-params';
import { SILENT_ERRORS } from '../../core/errors/error-context';
import type {
  CompleteHandoverDto,
  CreateHandoverDto,
  HandoverDto,
  HandoverPageDto,
  HandoverState,
  StationSuggestionDto,
} from '../trainees-types';

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

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
  private readonly api = inject(ApiClient);

  list(q: HandoverQuery): Observable<HandoverPageDto> {
    if (q.state === 'open') return this.open(q);
    return this.api.invoke(
      handoversControllerList,
      operationQuery({ direction: q.direction, state: q.state, overdue: q.overdue || null, page: q.page, pageSize: q.pageSize }),
      silent(),
    );
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
    return this.api.invoke(handoversControllerGet, { id: handoverId }, silent());
  }

  suggestedStation(traineeId: string): Observable<StationSuggestionDto> {
    return this.api.invoke(handoversControllerSuggest, { traineeId }, silent());
  }

  create(dto: CreateHandoverDto): Observable<HandoverDto> {
    return this.api.invoke(handoversControllerCreate, { body: dto }, silent());
  }

  send(handoverId: string): Observable<HandoverDto> {
    return this.api.invoke(handoversControllerSend, { id: handoverId }, silent());
  }

  accept(handoverId: string): Observable<HandoverDto> {
    return this.api.invoke(handoversControllerAccept, { id: handoverId }, silent());
  }

  reject(handoverId: string, reason: string): Observable<HandoverDto> {
    return this.api.invoke(handoversControllerReject, { id: handoverId, body: { reason } }, silent());
  }

  complete(handoverId: string, dto: CompleteHandoverDto): Observable<HandoverDto> {
    return this.api.invoke(handoversControllerComplete, { id: handoverId, body: dto }, silent());
  }
}
