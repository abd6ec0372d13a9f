import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { queryParams } from '../core/api/query-params';
import type { components } from '../core/api/generated/api';
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

const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });
const id = (v: string) => encodeURIComponent(v);

@Injectable({ providedIn: 'root' })
export class MatchingApi {
  private readonly http = inject(HttpClient);

  candidates(
    orderId: string,
    q: { page: number; pageSize: number; divisionCode?: string; availableBy?: string },
  ): Observable<CandidateRankingDto> {
    return this.http.get<CandidateRankingDto>(`/api/matching/orders/${id(orderId)}/candidates`, { params: queryParams(q), ...silent() });
  }
  whyNot(orderId: string, traineeId: string): Observable<WhyNotDto> {
    return this.http.get<WhyNotDto>(`/api/matching/orders/${id(orderId)}/why-not/${id(traineeId)}`, silent());
  }
  myOrders(): Observable<OrderMatchesDto> {
    return this.http.get<OrderMatchesDto>('/api/matching/me/orders', silent());
  }
  weights(): Observable<WeightsDto> {
    return this.http.get<WeightsDto>('/api/matching/weights', silent());
  }
  setWeights(dto: SetWeightsDto): Observable<WeightsDto> {
    return this.http.post<WeightsDto>('/api/matching/weights', dto, silent());
  }
  setReadiness(traineeId: string, ready: boolean, note: string): Observable<unknown> {
    return this.http.put(`/api/matching/readiness/${id(traineeId)}`, { ready, ...(note ? { note } : {}) }, silent());
  }
  /** The counsellor's own trainees (for "why not"). */
  searchTrainees(q: string): Observable<{ items: { id: string; fullName: string }[] }> {
    return this.http.get<{ items: { id: string; fullName: string }[] }>('/api/trainees', {
      params: queryParams({ q: q || undefined, page: 1, pageSize: 20, sort: 'name' }),
      ...silent(),
    });
  }
  /**
   * The counsellor's recommendation: it becomes a placement the employer sees (pseudonymously).
   * The employer reads the fixed `reasons`; the `note` stays internal.
   */
  recommend(orderId: string, traineeId: string, reasons: RecommendationReasonCode[], note: string): Observable<PlacementDto> {
    const body: S['CreatePlacementDto'] = { orderId, traineeId, reasons, ...(note ? { note } : {}) };
    return this.http.post<PlacementDto>('/api/placements', body, silent());
  }
}
