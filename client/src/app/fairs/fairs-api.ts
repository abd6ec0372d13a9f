import { FRESH_SUBMIT } from '../core/http/idempotency-interceptor';
import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { queryParams } from '../core/api/query-params';
import { SILENT_ERRORS } from '../core/errors/error-context';
import type {
  BoothDto,
  CheckInResultDto,
  ConsentTextDto,
  CreateFairDto,
  FairCandidateDto,
  FairDto,
  FairReportDto,
  IntentDto,
  OrderPageDto,
  RegistrationDto,
  SlotDto,
  TraineePageDto,
} from './fairs-types';

/** Pages show their own errors (inline, next to what failed). */
const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });
const id = (v: string) => encodeURIComponent(v);

/** The fairs API (订单式就业推介会). */
@Injectable({ providedIn: 'root' })
export class FairsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<FairDto[]> {
    return this.http.get<FairDto[]>('/api/fairs', silent());
  }
  get(fairId: string): Observable<FairDto> {
    return this.http.get<FairDto>(`/api/fairs/${id(fairId)}`, silent());
  }
  create(dto: CreateFairDto): Observable<FairDto> {
    return this.http.post<FairDto>('/api/fairs', dto, silent());
  }
  publish(fairId: string): Observable<FairDto> {
    return this.http.post<FairDto>(`/api/fairs/${id(fairId)}/publish`, {}, silent());
  }
  close(fairId: string): Observable<FairDto> {
    return this.http.post<FairDto>(`/api/fairs/${id(fairId)}/close`, {}, silent());
  }
  booths(fairId: string): Observable<BoothDto[]> {
    return this.http.get<BoothDto[]>(`/api/fairs/${id(fairId)}/booths`, silent());
  }
  applyBooth(fairId: string, orderIds: string[], note: string): Observable<BoothDto> {
    return this.http.post<BoothDto>(`/api/fairs/${id(fairId)}/booths`, { orderIds, ...(note ? { note } : {}) }, silent());
  }
  decideBooth(boothId: string, decision: 'approve' | 'decline', reason?: string): Observable<BoothDto> {
    return this.http.post<BoothDto>(`/api/fair-booths/${id(boothId)}/decision`, { decision, ...(reason ? { reason } : {}) }, silent());
  }
  slots(boothId: string): Observable<SlotDto[]> {
    return this.http.get<SlotDto[]>(`/api/fair-booths/${id(boothId)}/slots`, silent());
  }
  createSlots(boothId: string, startsAt: string, minutes: number, count: number): Observable<SlotDto[]> {
    return this.http.post<SlotDto[]>(`/api/fair-booths/${id(boothId)}/slots`, { startsAt, minutes, count }, silent());
  }
  invite(slotId: string, registrationId: string): Observable<SlotDto> {
    return this.http.post<SlotDto>(`/api/fair-slots/${id(slotId)}/invitation`, { registrationId }, silent());
  }
  book(slotId: string, registrationId?: string): Observable<SlotDto> {
    return this.http.post<SlotDto>(`/api/fair-slots/${id(slotId)}/booking`, registrationId ? { registrationId } : {}, silent());
  }
  release(slotId: string, registrationId?: string): Observable<SlotDto> {
    return this.http.post<SlotDto>(`/api/fair-slots/${id(slotId)}/release`, registrationId ? { registrationId } : {}, silent());
  }
  registrations(fairId: string): Observable<RegistrationDto[]> {
    return this.http.get<RegistrationDto[]>(`/api/fairs/${id(fairId)}/registrations`, silent());
  }
  register(fairId: string, traineeIds?: string[]): Observable<RegistrationDto[]> {
    return this.http.post<RegistrationDto[]>(`/api/fairs/${id(fairId)}/registrations`, traineeIds ? { traineeIds } : {}, silent());
  }
  candidates(fairId: string): Observable<FairCandidateDto[]> {
    return this.http.get<FairCandidateDto[]>(`/api/fairs/${id(fairId)}/candidates`, silent());
  }
  checkIn(fairId: string, code: string): Observable<CheckInResultDto> {
    // Each scan is asked afresh: a second scan of the same code must hear "already checked in".
    return this.http.post<CheckInResultDto>(
      `/api/fairs/${id(fairId)}/check-ins`,
      { code },
      {
        context: new HttpContext().set(SILENT_ERRORS, true).set(FRESH_SUBMIT, true),
      },
    );
  }
  walkIn(fairId: string, traineeId: string): Observable<CheckInResultDto> {
    return this.http.post<CheckInResultDto>(`/api/fairs/${id(fairId)}/walk-ins`, { traineeId }, silent());
  }
  intents(fairId: string): Observable<IntentDto[]> {
    return this.http.get<IntentDto[]>(`/api/fairs/${id(fairId)}/intents`, silent());
  }
  createIntent(fairId: string, registrationId: string, orderId: string, note: string): Observable<IntentDto> {
    return this.http.post<IntentDto>(`/api/fairs/${id(fairId)}/intents`, { registrationId, orderId, ...(note ? { note } : {}) }, silent());
  }
  answerIntent(intentId: string, answer: 'confirm' | 'decline', textVersion?: number, paperFormRef?: string): Observable<IntentDto> {
    return this.http.post<IntentDto>(
      `/api/fair-intents/${id(intentId)}/answer`,
      { answer, ...(textVersion ? { textVersion } : {}), ...(paperFormRef ? { paperFormRef } : {}) },
      silent(),
    );
  }
  report(fairId: string): Observable<FairReportDto> {
    return this.http.get<FairReportDto>(`/api/fairs/${id(fairId)}/report`, silent());
  }
  reportWorkbook(fairId: string): Observable<Blob> {
    return this.http.get(`/api/fairs/${id(fairId)}/report.xlsx`, { responseType: 'blob', ...silent() });
  }
  /** The employer's own open orders (to bring to a booth). */
  myOpenOrders(): Observable<OrderPageDto> {
    return this.http.get<OrderPageDto>('/api/orders', { params: queryParams({ state: 'open', page: 1, pageSize: 100 }), ...silent() });
  }
  /** A counsellor's trainees who consented to job matching (the only ones a fair may take). */
  consentingTrainees(q: string): Observable<TraineePageDto> {
    return this.http.get<TraineePageDto>('/api/trainees', {
      params: queryParams({ jobMatchingConsent: 'granted', q: q || undefined, page: 1, pageSize: 100, sort: 'name' }),
      ...silent(),
    });
  }
  consentTexts(): Observable<ConsentTextDto[]> {
    return this.http.get<ConsentTextDto[]>('/api/consent-texts', silent());
  }
}
