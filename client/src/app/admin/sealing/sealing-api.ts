import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { ApiClient } from '../../core/api/generated/api-client';
import { sealingControllerDecide } from '../../core/api/generated/fn/sealing/sealing-controller-decide';
import { sealingControllerRequest } from '../../core/api/generated/fn/sealing/sealing-controller-request';
import { sealingControllerRequests } from '../../core/api/generated/fn/sealing/sealing-controller-requests';
import { sealingControllerSummary } from '../../core/api/generated/fn/sealing/sealing-controller-summary';
import type { RequestUnsealDto } from '../../core/api/generated/models/request-unseal-dto';
import type { SealingSummaryDto } from '../../core/api/generated/models/sealing-summary-dto';
import type { UnsealRequestDto } from '../../core/api/generated/models/unseal-request-dto';
import type { UnsealRequestPageDto } from '../../core/api/generated/models/unseal-request-page-dto';
import { SILENT_ERRORS } from '../../core/errors/error-context';

export type { RequestUnsealDto, SealingSummaryDto, UnsealRequestDto, UnsealRequestPageDto };
export type UnsealDecision = 'approved' | 'rejected';

/** The page shows its errors itself. */
const silent = () => new HttpContext().set(SILENT_ERRORS, true);

/** 封存: counts and the retention schedule, requests to unseal, and a second administrator's decision. */
@Injectable({ providedIn: 'root' })
export class SealingApi {
  private readonly api = inject(ApiClient);

  summary(): Observable<SealingSummaryDto> {
    return this.api.invoke(sealingControllerSummary, undefined, silent());
  }

  /** One page of the requests, open ones first, then the newest (the server's order). */
  requests(page: number, pageSize: number): Observable<UnsealRequestPageDto> {
    return this.api.invoke(sealingControllerRequests, { page, pageSize }, silent());
  }

  request(body: RequestUnsealDto): Observable<UnsealRequestDto> {
    return this.api.invoke(sealingControllerRequest, { body }, silent());
  }

  decide(id: string, decision: UnsealDecision): Observable<UnsealRequestDto> {
    return this.api.invoke(sealingControllerDecide, { id, body: { decision } }, silent());
  }
}
