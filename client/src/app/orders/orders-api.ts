import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';
import type { DivisionDto } from '../core/api/api-types';
import { queryParams } from '../core/api/query-params';
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
const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });
const id = (value: string) => encodeURIComponent(value);

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

/** Orders (订单) and placements (就业推荐): employers, counsellors, admins and the trainee. */
@Injectable({ providedIn: 'root' })
export class OrdersApi {
  private readonly http = inject(HttpClient);

  // ---- orders ----

  orders(query: OrderQuery): Observable<OrderPageDto> {
    return this.http.get<OrderPageDto>('/api/orders', { params: queryParams({ ...query }), ...silent() });
  }

  order(orderId: string): Observable<OrderDto> {
    return this.http.get<OrderDto>(`/api/orders/${id(orderId)}`, silent());
  }

  createOrder(dto: CreateOrderDto): Observable<OrderDto> {
    return this.http.post<OrderDto>('/api/orders', dto, silent());
  }

  updateOrder(orderId: string, dto: UpdateOrderDto): Observable<OrderDto> {
    return this.http.patch<OrderDto>(`/api/orders/${id(orderId)}`, dto, silent());
  }

  openOrder(orderId: string): Observable<OrderDto> {
    return this.http.post<OrderDto>(`/api/orders/${id(orderId)}/open`, null, silent());
  }

  closeOrder(orderId: string): Observable<OrderDto> {
    return this.http.post<OrderDto>(`/api/orders/${id(orderId)}/close`, null, silent());
  }

  fulfilment(orderId: string): Observable<FulfilmentDto> {
    return this.http.get<FulfilmentDto>(`/api/orders/${id(orderId)}/fulfilment`, silent());
  }

  // ---- the employer's candidates ----

  candidates(orderId: string): Observable<CandidateDto[]> {
    return this.http.get<CandidateDto[]>(`/api/orders/${id(orderId)}/candidates`, silent());
  }

  candidateStep(orderId: string, placementId: string, step: EmployerStep, body: EmployerStepBody): Observable<CandidateDto> {
    return this.http.post<CandidateDto>(`/api/orders/${id(orderId)}/candidates/${id(placementId)}/${step}`, body, silent());
  }

  // ---- placements ----

  placements(query: PlacementQuery): Observable<PlacementPageDto> {
    return this.http.get<PlacementPageDto>('/api/placements', { params: queryParams({ ...query }), ...silent() });
  }

  placement(placementId: string): Observable<PlacementDto> {
    return this.http.get<PlacementDto>(`/api/placements/${id(placementId)}`, silent());
  }

  /** `reasons` are what the employer reads; `note` is the counsellor's own and stays internal. */
  recommend(orderId: string, traineeId: string, reasons: RecommendationReasonCode[], note?: string): Observable<PlacementDto> {
    const body: CreatePlacementDto = { orderId, traineeId, reasons, ...(note ? { note } : {}) };
    return this.http.post<PlacementDto>('/api/placements', body, silent());
  }

  placementStep(placementId: string, step: PlacementStep, body: PlacementStepBody): Observable<PlacementDto> {
    return this.http.post<PlacementDto>(`/api/placements/${id(placementId)}/${step}`, body, silent());
  }

  // ---- look-ups ----

  /** The current `share_with_employer` text: accepting a recommendation is agreeing to it. */
  shareText(): Observable<ConsentTextDto | null> {
    return this.http
      .get<ConsentTextDto[]>('/api/consent-texts', silent())
      .pipe(map((texts) => texts.find((text) => text.purpose === 'share_with_employer') ?? null));
  }

  occupations(q: string): Observable<OccupationPageDto> {
    return this.http.get<OccupationPageDto>('/api/reference/occupations', {
      params: queryParams({ q, page: 1, pageSize: 30 }),
      ...silent(),
    });
  }

  divisions(): Observable<DivisionDto[]> {
    return this.http.get<DivisionDto[]>('/api/reference/divisions', silent());
  }

  /** A counsellor's own trainees who agreed to job matching, by name or identity number. */
  matchableTrainees(q: string): Observable<TraineePageDto> {
    return this.http.get<TraineePageDto>('/api/trainees', {
      params: queryParams({ q, jobMatchingConsent: 'granted', page: 1, pageSize: 20, sort: 'name' }),
      ...silent(),
    });
  }
}
