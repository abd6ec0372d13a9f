import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';
import type { DivisionDto } from '../core/api/api-types';
import { type ApiFnRequired, ApiClient } from '../core/api/generated/api-client';
import { consentsControllerTexts } from '../core/api/generated/fn/consents/consents-controller-texts';
import { ordersControllerClose } from '../core/api/generated/fn/orders/orders-controller-close';
import { ordersControllerCreate } from '../core/api/generated/fn/orders/orders-controller-create';
import { ordersControllerGet } from '../core/api/generated/fn/orders/orders-controller-get';
import { ordersControllerList } from '../core/api/generated/fn/orders/orders-controller-list';
import { ordersControllerOpen } from '../core/api/generated/fn/orders/orders-controller-open';
import { ordersControllerUpdate } from '../core/api/generated/fn/orders/orders-controller-update';
import { orderCandidatesControllerCandidates } from '../core/api/generated/fn/placements/order-candidates-controller-candidates';
import { orderCandidatesControllerEnd } from '../core/api/generated/fn/placements/order-candidates-controller-end';
import { orderCandidatesControllerFulfilment } from '../core/api/generated/fn/placements/order-candidates-controller-fulfilment';
import { orderCandidatesControllerHire } from '../core/api/generated/fn/placements/order-candidates-controller-hire';
import { orderCandidatesControllerInterview } from '../core/api/generated/fn/placements/order-candidates-controller-interview';
import { orderCandidatesControllerOffer } from '../core/api/generated/fn/placements/order-candidates-controller-offer';
import { orderCandidatesControllerReject } from '../core/api/generated/fn/placements/order-candidates-controller-reject';
import { placementsControllerAccept } from '../core/api/generated/fn/placements/placements-controller-accept';
import { placementsControllerCreate } from '../core/api/generated/fn/placements/placements-controller-create';
import { placementsControllerDecline } from '../core/api/generated/fn/placements/placements-controller-decline';
import { placementsControllerEnd } from '../core/api/generated/fn/placements/placements-controller-end';
import { placementsControllerGet } from '../core/api/generated/fn/placements/placements-controller-get';
import { placementsControllerHire } from '../core/api/generated/fn/placements/placements-controller-hire';
import { placementsControllerList } from '../core/api/generated/fn/placements/placements-controller-list';
import { placementsControllerRecommend } from '../core/api/generated/fn/placements/placements-controller-recommend';
import { placementsControllerWithdraw } from '../core/api/generated/fn/placements/placements-controller-withdraw';
import { referenceControllerDivisions } from '../core/api/generated/fn/reference/reference-controller-divisions';
import { referenceControllerOccupations } from '../core/api/generated/fn/reference/reference-controller-occupations';
import { traineesControllerList } from '../core/api/generated/fn/trainees/trainees-controller-list';
import { operationQuery } from '../core/api/query-params';
import { SILENT_ERRORS } from '../core/errors/error-context';
import type {
  AcceptPlacementDto,
  CandidateDto,
  ConsentTextDto,
  CreateOrderDto,
  CreatePlacementDto,
  EndEmploymentDto,
  FulfilmentDto,
  HireDto,
  InterviewDto,
  OccupationPageDto,
  OfferDto,
  OrderDto,
  OrderPageDto,
  OrderState,
  PlacementDto,
  PlacementNoteDto,
  PlacementPageDto,
  PlacementState,
  RecommendDto,
  RecommendationReasonCode,
  TraineePageDto,
  UpdateOrderDto,
} from './orders-types';

/** Every order page shows its errors itself (in place, inline, or in the form): all calls are silent. */
const silent = () => new HttpContext().set(SILENT_ERRORS, true);

export interface OrderQuery {
  readonly state?: OrderState | null;
  readonly occupationCode?: string | null;
  readonly divisionCode?: string | null;
  readonly page: number;
  readonly pageSize: number;
}

export interface PlacementQuery {
  readonly orderId?: string | null;
  readonly traineeId?: string | null;
  readonly state?: PlacementState | null;
  readonly page: number;
  readonly pageSize: number;
}

/** The employer's acts on a candidate (`/orders/{orderId}/candidates/{placementId}/…`). */
export type EmployerStep = 'interview' | 'offer' | 'hire' | 'reject' | 'end';
/** Counsellor and trainee acts on a placement (`/placements/{id}/…`). */
export type PlacementStep = 'recommend' | 'accept' | 'decline' | 'hire' | 'withdraw' | 'end';

export type EmployerStepBody = InterviewDto | OfferDto | HireDto | PlacementNoteDto | EndEmploymentDto;
export type PlacementStepBody = PlacementNoteDto | RecommendDto | AcceptPlacementDto | HireDto | EndEmploymentDto;

/** Each step is its own operation; the page picks the step and brings the body that step takes. */
const EMPLOYER_STEPS = {
  interview: orderCandidatesControllerInterview,
  offer: orderCandidatesControllerOffer,
  hire: orderCandidatesControllerHire,
  reject: orderCandidatesControllerReject,
  end: orderCandidatesControllerEnd,
} satisfies Record<EmployerStep, unknown>;
const PLACEMENT_STEPS = {
  recommend: placementsControllerRecommend,
  accept: placementsControllerAccept,
  decline: placementsControllerDecline,
  hire: placementsControllerHire,
  withdraw: placementsControllerWithdraw,
  end: placementsControllerEnd,
} satisfies Record<PlacementStep, unknown>;
type EmployerStepFn = ApiFnRequired<{ orderId: string; placementId: string; body: EmployerStepBody }, CandidateDto>;
type PlacementStepFn = ApiFnRequired<{ id: string; body: PlacementStepBody }, PlacementDto>;

/** Orders (订单) and placements (就业推荐): employers, counsellors, admins and the trainee. */
@Injectable({ providedIn: 'root' })
export class OrdersApi {
  private readonly api = inject(ApiClient);

  // ---- orders ----

  orders(query: OrderQuery): Observable<OrderPageDto> {
    return this.api.invoke(ordersControllerList, operationQuery({ ...query }), silent());
  }

  order(orderId: string): Observable<OrderDto> {
    return this.api.invoke(ordersControllerGet, { id: orderId }, silent());
  }

  createOrder(dto: CreateOrderDto): Observable<OrderDto> {
    return this.api.invoke(ordersControllerCreate, { body: dto }, silent());
  }

  updateOrder(orderId: string, dto: UpdateOrderDto): Observable<OrderDto> {
    return this.api.invoke(ordersControllerUpdate, { id: orderId, body: dto }, silent());
  }

  openOrder(orderId: string): Observable<OrderDto> {
    return this.api.invoke(ordersControllerOpen, { id: orderId }, silent());
  }

  closeOrder(orderId: string): Observable<OrderDto> {
    return this.api.invoke(ordersControllerClose, { id: orderId }, silent());
  }

  fulfilment(orderId: string): Observable<FulfilmentDto> {
    return this.api.invoke(orderCandidatesControllerFulfilment, { orderId }, silent());
  }

  // ---- the employer's candidates ----

  candidates(orderId: string): Observable<CandidateDto[]> {
    return this.api.invoke(orderCandidatesControllerCandidates, { orderId }, silent());
  }

  candidateStep(orderId: string, placementId: string, step: EmployerStep, body: EmployerStepBody): Observable<CandidateDto> {
    return this.api.invoke(EMPLOYER_STEPS[step] as EmployerStepFn, { orderId, placementId, body }, silent());
  }

  // ---- placements ----

  placements(query: PlacementQuery): Observable<PlacementPageDto> {
    return this.api.invoke(placementsControllerList, operationQuery({ ...query }), silent());
  }

  placement(placementId: string): Observable<PlacementDto> {
    return this.api.invoke(placementsControllerGet, { id: placementId }, silent());
  }

  /** `reasons` are what the employer reads; `note` is the counsellor's own and stays internal. */
  recommend(orderId: string, traineeId: string, reasons: RecommendationReasonCode[], note?: string): Observable<PlacementDto> {
    const body: CreatePlacementDto = { orderId, traineeId, reasons, ...(note ? { note } : {}) };
    return this.api.invoke(placementsControllerCreate, { body }, silent());
  }

  placementStep(placementId: string, step: PlacementStep, body: PlacementStepBody): Observable<PlacementDto> {
    return this.api.invoke(PLACEMENT_STEPS[step] as PlacementStepFn, { id: placementId, body }, silent());
  }

  // ---- look-ups ----

  /** The current `share_with_employer` text: accepting a recommendation is agreeing to it. */
  shareText(): Observable<ConsentTextDto | null> {
    return this.api
      .invoke(consentsControllerTexts, {}, silent())
      .pipe(map((texts: ConsentTextDto[]) => texts.find((text) => text.purpose === 'share_with_employer') ?? null));
  }

  occupations(q: string): Observable<OccupationPageDto> {
    return this.api.invoke(referenceControllerOccupations, operationQuery({ q, page: 1, pageSize: 30 }), silent());
  }

  divisions(): Observable<DivisionDto[]> {
    return this.api.invoke(referenceControllerDivisions, {}, silent());
  }

  /** A counsellor's own trainees who agreed to job matching, by name or identity number. */
  matchableTrainees(q: string): Observable<TraineePageDto> {
    return this.api.invoke(
      traineesControllerList,
      operationQuery({ q, jobMatchingConsent: 'granted', page: 1, pageSize: 20, sort: 'name' }),
      silent(),
    );
  }
}
