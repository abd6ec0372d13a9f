import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';
import type { components } from '../../core/api/generated/api';
import { ApiClient } from '../../core/api/generated/api-client';
import { lostContactsControllerFound } from '../../core/api/generated/fn/supervision/lost-contacts-controller-found';
import { lostContactsControllerList } from '../../core/api/generated/fn/supervision/lost-contacts-controller-list';
import { transfersControllerAccept } from '../../core/api/generated/fn/supervision/transfers-controller-accept';
import { transfersControllerCancel } from '../../core/api/generated/fn/supervision/transfers-controller-cancel';
import { transfersControllerCreate } from '../../core/api/generated/fn/supervision/transfers-controller-create';
import { transfersControllerList } from '../../core/api/generated/fn/supervision/transfers-controller-list';
import { transfersControllerReject } from '../../core/api/generated/fn/supervision/transfers-controller-reject';
import { transfersControllerStations } from '../../core/api/generated/fn/supervision/transfers-controller-stations';
import { operationQuery } from '../../core/api/query-params';
import { SILENT_ERRORS } from '../../core/errors/error-context';

type S = components['schemas'];
export type StationTransferDto = S['StationTransferDto'];
export type StationTransferPageDto = S['StationTransferPageDto'];
export type CreateStationTransferDto = S['CreateStationTransferDto'];
export type LostContactDto = S['LostContactDto'];
export type LostContactPageDto = S['LostContactPageDto'];
export type FoundDto = S['FoundDto'];
export type StationOptionDto = S['StationOptionDto'];

export type TransferState = StationTransferDto['state'];
export type TransferReason = StationTransferDto['reason'];
export type TransferRejectReason = NonNullable<StationTransferDto['rejectReason']>;
export type ContactMethod = FoundDto['contactMethod'];
export type TransferDirection = 'incoming' | 'outgoing';

export const TRANSFER_STATES: readonly TransferState[] = ['requested', 'accepted', 'rejected', 'cancelled'];
export const TRANSFER_REASONS: readonly TransferReason[] = ['moved_home', 'work', 'family', 'other'];
export const REJECT_REASONS: readonly TransferRejectReason[] = ['not_in_area', 'address_unverified', 'duplicate', 'other'];
export const CONTACT_METHODS: readonly ContactMethod[] = ['home_visit', 'phone', 'video', 'at_station', 'workplace'];

export interface TransferQuery {
  readonly direction: TransferDirection | null;
  /** One state, or null for all (the server puts open ones first). */
  readonly state: TransferState | null;
  readonly page: number;
  readonly pageSize: number;
}

/** The most the server gives in one page. */
const MAX_PAGE = 100;

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

/** 转移监管 between community stations, and 失联 cases (server: server/src/supervision). */
@Injectable({ providedIn: 'root' })
export class SupervisionApi {
  private readonly api = inject(ApiClient);

  transfers(q: TransferQuery): Observable<StationTransferPageDto> {
    return this.api.invoke(
      transfersControllerList,
      operationQuery({ direction: q.direction, state: q.state, page: q.page, pageSize: q.pageSize }),
      silent(),
    );
  }

  /**
   * The person's open request, if any. The server has no "transfer of this person" look-up, so the
   * caller's open outgoing requests (a short list) are searched.
   */
  openTransferOf(traineeId: string): Observable<StationTransferDto | null> {
    return this.transfers({ direction: 'outgoing', state: 'requested', page: 1, pageSize: MAX_PAGE }).pipe(
      map((p) => p.items.find((t) => t.traineeId === traineeId) ?? null),
    );
  }

  request(dto: CreateStationTransferDto): Observable<StationTransferDto> {
    return this.api.invoke(transfersControllerCreate, { body: dto }, silent());
  }

  accept(id: string): Observable<StationTransferDto> {
    return this.api.invoke(transfersControllerAccept, { id }, silent());
  }

  reject(id: string, reason: TransferRejectReason): Observable<StationTransferDto> {
    return this.api.invoke(transfersControllerReject, { id, body: { reason } }, silent());
  }

  cancel(id: string): Observable<StationTransferDto> {
    return this.api.invoke(transfersControllerCancel, { id }, silent());
  }

  /** Open cases only, longest lost first. */
  lostContacts(page: number, pageSize: number): Observable<LostContactPageDto> {
    return this.api.invoke(lostContactsControllerList, { page, pageSize }, silent());
  }

  /** The person's open case, if any (searched in the station's open cases: there is no look-up by person). */
  openLostContactOf(traineeId: string): Observable<LostContactDto | null> {
    return this.lostContacts(1, MAX_PAGE).pipe(map((p) => p.items.find((c) => c.traineeId === traineeId) ?? null));
  }

  found(id: string, dto: FoundDto): Observable<LostContactDto> {
    return this.api.invoke(lostContactsControllerFound, { id, body: dto }, silent());
  }

  /** The other active community stations (the server leaves the caller's own out), by division. */
  stations(): Observable<StationOptionDto[]> {
    return this.api.invoke(transfersControllerStations, {}, silent());
  }
}
