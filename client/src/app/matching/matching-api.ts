import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { operationQuery } from '../core/api/query-params';
import type { components } from '../core/api/generated/api';
import { ApiClient } from '../core/api/generated/api-client';
import { matchingControllerCandidates } from '../core/api/generated/fn/matching/matching-controller-candidates';
import { matchingControllerMyOrders } from '../core/api/generated/fn/matching/matching-controller-my-orders';
import { matchingControllerSetReadiness } from '../core/api/generated/fn/matching/matching-controller-set-readiness';
import { matchingControllerSetWeights } from '../core/api/generated/fn/matching/matching-controller-set-weights';
import { matchingControllerWeights } from '../core/api/generated/fn/matching/matching-controller-weights';
import { matchingControllerWhyNot } from '../core/api/generated/fn/matching/matching-controller-why-not';
import { placementsControllerCreate } from '../core/api/generated/fn/placements/placements-controller-create';
import { traineesControllerList } from '../core/api/generated/fn/trainees/trainees-controller-list';
import { SILENT_ERRORS } from '../core/errors/error-context';

type S = components['schemas'];
export type CandidateRankingDto = S['CandidateRankingDto'];
export type CandidateMatchDto = S['CandidateMatchDto'];
export type ScorePartDto = S['ScorePartDto'];
export type WhyNotDto = S['WhyNotDto'];
export type OrderMatchesDto = S['OrderMatchesDto'];
export type WeightsDto = S['WeightsDto'];
export type SetWeightsDto = S['SetWeightsDto'];
export type PlacementDto = S['PlacementDto'];
export type RecommendationReasonCode = S['RecommendationReasonDto']['code'];

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

@Injectable({ providedIn: 'root' })
export class MatchingApi {
  private readonly api = inject(ApiClient);

  candidates(
    orderId: string,
    q: { page: number; pageSize: number; divisionCode?: string; availableBy?: string },
  ): Observable<CandidateRankingDto> {
    return this.api.invoke(matchingControllerCandidates, operationQuery({ orderId, ...q }), silent());
  }
  whyNot(orderId: string, traineeId: string): Observable<WhyNotDto> {
    return this.api.invoke(matchingControllerWhyNot, { orderId, traineeId }, silent());
  }
  myOrders(): Observable<OrderMatchesDto> {
    return this.api.invoke(matchingControllerMyOrders, {}, silent());
  }
  weights(): Observable<WeightsDto> {
    return this.api.invoke(matchingControllerWeights, {}, silent());
  }
  setWeights(dto: SetWeightsDto): Observable<WeightsDto> {
    return this.api.invoke(matchingControllerSetWeights, { body: dto }, silent());
  }
  setReadiness(traineeId: string, ready: boolean, note: string): Observable<unknown> {
    return this.api.invoke(matchingControllerSetReadiness, { traineeId, body: { ready, ...(note ? { note } : {}) } }, silent());
  }
  /** The counsellor's own trainees (for "why not"). */
  searchTrainees(q: string): Observable<{ items: { id: string; fullName: string }[] }> {
    return this.api.invoke(traineesControllerList, operationQuery({ q: q || undefined, page: 1, pageSize: 20, sort: 'name' }), silent());
  }
  /**
   * The counsellor's recommendation: it becomes a placement the employer sees (pseudonymously).
   * The employer reads the fixed `reasons`; the `note` stays internal.
   */
  recommend(orderId: string, traineeId: string, reasons: RecommendationReasonCode[], note: string): Observable<PlacementDto> {
    const body: S['CreatePlacementDto'] = { orderId, traineeId, reasons, ...(note ? { note } : {}) };
    return this.api.invoke(placementsControllerCreate, { body }, silent());
  }
}
