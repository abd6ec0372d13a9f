import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { ApiClient } from '../core/api/generated/api-client';
import { consentsControllerTexts } from '../core/api/generated/fn/consents/consents-controller-texts';
import { fairsControllerAnswerIntent } from '../core/api/generated/fn/fairs/fairs-controller-answer-intent';
import { fairsControllerApplyBooth } from '../core/api/generated/fn/fairs/fairs-controller-apply-booth';
import { fairsControllerBook } from '../core/api/generated/fn/fairs/fairs-controller-book';
import { fairsControllerBooths } from '../core/api/generated/fn/fairs/fairs-controller-booths';
import { fairsControllerCandidates } from '../core/api/generated/fn/fairs/fairs-controller-candidates';
import { fairsControllerCheckIn } from '../core/api/generated/fn/fairs/fairs-controller-check-in';
import { fairsControllerClose } from '../core/api/generated/fn/fairs/fairs-controller-close';
import { fairsControllerCreate } from '../core/api/generated/fn/fairs/fairs-controller-create';
import { fairsControllerCreateIntent } from '../core/api/generated/fn/fairs/fairs-controller-create-intent';
import { fairsControllerCreateSlots } from '../core/api/generated/fn/fairs/fairs-controller-create-slots';
import { fairsControllerDecideBooth } from '../core/api/generated/fn/fairs/fairs-controller-decide-booth';
import { fairsControllerGet } from '../core/api/generated/fn/fairs/fairs-controller-get';
import { fairsControllerIntents } from '../core/api/generated/fn/fairs/fairs-controller-intents';
import { fairsControllerInvite } from '../core/api/generated/fn/fairs/fairs-controller-invite';
import { fairsControllerList } from '../core/api/generated/fn/fairs/fairs-controller-list';
import { fairsControllerPublish } from '../core/api/generated/fn/fairs/fairs-controller-publish';
import { fairsControllerRegister } from '../core/api/generated/fn/fairs/fairs-controller-register';
import { fairsControllerRegistrations } from '../core/api/generated/fn/fairs/fairs-controller-registrations';
import { fairsControllerRelease } from '../core/api/generated/fn/fairs/fairs-controller-release';
import { fairsControllerReport } from '../core/api/generated/fn/fairs/fairs-controller-report';
import { fairsControllerReportWorkbook } from '../core/api/generated/fn/fairs/fairs-controller-report-workbook';
import { fairsControllerSlots } from '../core/api/generated/fn/fairs/fairs-controller-slots';
import { fairsControllerWalkIn } from '../core/api/generated/fn/fairs/fairs-controller-walk-in';
import { ordersControllerList } from '../core/api/generated/fn/orders/orders-controller-list';
import { traineesControllerList } from '../core/api/generated/fn/trainees/trainees-controller-list';
import { operationQuery } from '../core/api/query-params';
import { SILENT_ERRORS } from '../core/errors/error-context';
import { FRESH_SUBMIT } from '../core/http/idempotency-interceptor';
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
const silent = () => new HttpContext().set(SILENT_ERRORS, true);

/** The fairs API (订单式就业推介会). */
@Injectable({ providedIn: 'root' })
export class FairsApi {
  private readonly api = inject(ApiClient);

  /** Every fair the caller may see, or those held in one month (YYYY-MM). */
  list(month?: string): Observable<FairDto[]> {
    return this.api.invoke(fairsControllerList, month ? { month } : {}, silent());
  }
  get(fairId: string): Observable<FairDto> {
    return this.api.invoke(fairsControllerGet, { id: fairId }, silent());
  }
  create(dto: CreateFairDto): Observable<FairDto> {
    return this.api.invoke(fairsControllerCreate, { body: dto }, silent());
  }
  publish(fairId: string): Observable<FairDto> {
    return this.api.invoke(fairsControllerPublish, { id: fairId }, silent());
  }
  close(fairId: string): Observable<FairDto> {
    return this.api.invoke(fairsControllerClose, { id: fairId }, silent());
  }
  booths(fairId: string): Observable<BoothDto[]> {
    return this.api.invoke(fairsControllerBooths, { id: fairId }, silent());
  }
  applyBooth(fairId: string, orderIds: string[], note: string): Observable<BoothDto> {
    return this.api.invoke(fairsControllerApplyBooth, { id: fairId, body: { orderIds, ...(note ? { note } : {}) } }, silent());
  }
  decideBooth(boothId: string, decision: 'approve' | 'decline', reason?: string): Observable<BoothDto> {
    return this.api.invoke(fairsControllerDecideBooth, { id: boothId, body: { decision, ...(reason ? { reason } : {}) } }, silent());
  }
  slots(boothId: string): Observable<SlotDto[]> {
    return this.api.invoke(fairsControllerSlots, { id: boothId }, silent());
  }
  createSlots(boothId: string, startsAt: string, minutes: number, count: number): Observable<SlotDto[]> {
    return this.api.invoke(fairsControllerCreateSlots, { id: boothId, body: { startsAt, minutes, count } }, silent());
  }
  invite(slotId: string, registrationId: string): Observable<SlotDto> {
    return this.api.invoke(fairsControllerInvite, { id: slotId, body: { registrationId } }, silent());
  }
  book(slotId: string, registrationId?: string): Observable<SlotDto> {
    return this.api.invoke(fairsControllerBook, { id: slotId, body: registrationId ? { registrationId } : {} }, silent());
  }
  release(slotId: string, registrationId?: string): Observable<SlotDto> {
    return this.api.invoke(fairsControllerRelease, { id: slotId, body: registrationId ? { registrationId } : {} }, silent());
  }
  registrations(fairId: string): Observable<RegistrationDto[]> {
    return this.api.invoke(fairsControllerRegistrations, { id: fairId }, silent());
  }
  register(fairId: string, traineeIds?: string[]): Observable<RegistrationDto[]> {
    return this.api.invoke(fairsControllerRegister, { id: fairId, body: traineeIds ? { traineeIds } : {} }, silent());
  }
  candidates(fairId: string): Observable<FairCandidateDto[]> {
    return this.api.invoke(fairsControllerCandidates, { id: fairId }, silent());
  }
  checkIn(fairId: string, code: string): Observable<CheckInResultDto> {
    // Each scan is asked afresh: a second scan of the same code must hear "already checked in".
    return this.api.invoke(
      fairsControllerCheckIn,
      { id: fairId, body: { code } },
      new HttpContext().set(SILENT_ERRORS, true).set(FRESH_SUBMIT, true),
    );
  }
  walkIn(fairId: string, traineeId: string): Observable<CheckInResultDto> {
    return this.api.invoke(fairsControllerWalkIn, { id: fairId, body: { traineeId } }, silent());
  }
  intents(fairId: string): Observable<IntentDto[]> {
    return this.api.invoke(fairsControllerIntents, { id: fairId }, silent());
  }
  createIntent(fairId: string, registrationId: string, orderId: string, note: string): Observable<IntentDto> {
    return this.api.invoke(
      fairsControllerCreateIntent,
      { id: fairId, body: { registrationId, orderId, ...(note ? { note } : {}) } },
      silent(),
    );
  }
  answerIntent(intentId: string, answer: 'confirm' | 'decline', textVersion?: number, paperFormRef?: string): Observable<IntentDto> {
    return this.api.invoke(
      fairsControllerAnswerIntent,
      { id: intentId, body: { answer, ...(textVersion ? { textVersion } : {}), ...(paperFormRef ? { paperFormRef } : {}) } },
      silent(),
    );
  }
  report(fairId: string): Observable<FairReportDto> {
    return this.api.invoke(fairsControllerReport, { id: fairId }, silent());
  }
  reportWorkbook(fairId: string): Observable<Blob> {
    return this.api.invoke(fairsControllerReportWorkbook, { id: fairId }, silent());
  }
  /** The employer's own open orders (to bring to a booth). */
  myOpenOrders(): Observable<OrderPageDto> {
    return this.api.invoke(ordersControllerList, { state: 'open', page: 1, pageSize: 100 }, silent());
  }
  /** A counsellor's trainees who consented to job matching (the only ones a fair may take). */
  consentingTrainees(q: string): Observable<TraineePageDto> {
    return this.api.invoke(
      traineesControllerList,
      operationQuery({ jobMatchingConsent: 'granted', q: q || undefined, page: 1, pageSize: 100, sort: 'name' }),
      silent(),
    );
  }
  consentTexts(): Observable<ConsentTextDto[]> {
    return this.api.invoke(consentsControllerTexts, {}, silent());
  }
}
