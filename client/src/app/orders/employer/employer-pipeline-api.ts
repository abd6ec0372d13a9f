import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { components } from '../../core/api/generated/api';
import { ApiClient } from '../../core/api/generated/api-client';
import { employerPipelineControllerGet } from '../../core/api/generated/fn/placements/employer-pipeline-controller-get';
import { orderCandidatesControllerSeen } from '../../core/api/generated/fn/placements/order-candidates-controller-seen';
import { SILENT_ERRORS } from '../../core/errors/error-context';
import type { CandidateDto } from '../orders-types';

export type EmployerPipelineDto = components['schemas']['EmployerPipelineDto'];
export type OrderPipelineDto = components['schemas']['OrderPipelineDto'];

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

/** The employer's loop: what is new on their orders, and opening a candidate (issue 12). */
@Injectable({ providedIn: 'root' })
export class EmployerPipelineApi {
  private readonly api = inject(ApiClient);

  /** Counts only: new candidates per order, today's interviews, offers awaiting the trainee's answer. */
  pipeline(): Observable<EmployerPipelineDto> {
    return this.api.invoke(employerPipelineControllerGet, {}, silent());
  }

  /** The employer opened this candidate: it no longer counts as new. */
  seen(orderId: string, placementId: string): Observable<CandidateDto> {
    return this.api.invoke(orderCandidatesControllerSeen, { orderId, placementId }, silent());
  }
}
