import { HttpClient, HttpContext, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { OrganisationDto } from '../core/api/api-types';
import { type QueryValue, queryParams } from '../core/api/query-params';
import { SILENT_ERRORS } from '../core/errors/error-context';
import type {
  AssistedGrantConsentDto,
  ChecklistBehindDto,
  ChecklistItemDto,
  ChecklistItemKey,
  ConsentDto,
  ConsentTextDto,
  CorrectionRequestDto,
  CreateCorrectionRequestDto,
  CreateTraineeDto,
  ImportReportDto,
  ResolveCorrectionRequestDto,
  RevealedIdentityDto,
  StateChangeDto,
  TraineeDto,
  TraineePageDto,
  TraineeState,
  UpdateChecklistItemDto,
  UpdateTraineeDto,
} from './trainees-types';

/** Every trainee page shows its errors itself (in place, inline, or as a message): all calls are silent. */
const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });
const id = (value: string) => encodeURIComponent(value);

/** The caseload query exactly as `GET /trainees` takes it (empty values are left out). */
export type CaseloadApiQuery = Readonly<Record<string, QueryValue>>;

/** A counsellor's (or an admin's) side of trainee records: caseload, file, checklist, consent, corrections, import. */
@Injectable({ providedIn: 'root' })
export class TraineesApi {
  private readonly http = inject(HttpClient);

  list(query: CaseloadApiQuery): Observable<TraineePageDto> {
    return this.http.get<TraineePageDto>('/api/trainees', { params: queryParams(query), ...silent() });
  }

  exportFile(query: CaseloadApiQuery): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/trainees/export', { params: queryParams(query), responseType: 'blob', observe: 'response', ...silent() });
  }

  create(dto: CreateTraineeDto): Observable<TraineeDto> {
    return this.http.post<TraineeDto>('/api/trainees', dto, silent());
  }

  get(traineeId: string): Observable<TraineeDto> {
    return this.http.get<TraineeDto>(`/api/trainees/${id(traineeId)}`, silent());
  }

  update(traineeId: string, dto: UpdateTraineeDto): Observable<TraineeDto> {
    return this.http.patch<TraineeDto>(`/api/trainees/${id(traineeId)}`, dto, silent());
  }

  revealIdentityNumber(traineeId: string, reason: string): Observable<RevealedIdentityDto> {
    return this.http.post<RevealedIdentityDto>(`/api/trainees/${id(traineeId)}/identity-number`, { reason }, silent());
  }

  transition(traineeId: string, to: TraineeState, reason: string): Observable<TraineeDto> {
    return this.http.post<TraineeDto>(`/api/trainees/${id(traineeId)}/transitions`, { to, reason }, silent());
  }

  history(traineeId: string): Observable<StateChangeDto[]> {
    return this.http.get<StateChangeDto[]>(`/api/trainees/${id(traineeId)}/history`, silent());
  }

  checklist(traineeId: string): Observable<ChecklistItemDto[]> {
    return this.http.get<ChecklistItemDto[]>(`/api/trainees/${id(traineeId)}/checklist`, silent());
  }

  updateChecklistItem(traineeId: string, itemKey: ChecklistItemKey, dto: UpdateChecklistItemDto): Observable<ChecklistItemDto[]> {
    return this.http.put<ChecklistItemDto[]>(`/api/trainees/${id(traineeId)}/checklist/${id(itemKey)}`, dto, silent());
  }

  behind(): Observable<ChecklistBehindDto[]> {
    return this.http.get<ChecklistBehindDto[]>('/api/trainees/checklists/behind', silent());
  }

  consentTexts(): Observable<ConsentTextDto[]> {
    return this.http.get<ConsentTextDto[]>('/api/consent-texts', silent());
  }

  consents(traineeId: string): Observable<ConsentDto[]> {
    return this.http.get<ConsentDto[]>(`/api/trainees/${id(traineeId)}/consents`, silent());
  }

  grantConsent(traineeId: string, dto: AssistedGrantConsentDto): Observable<ConsentDto[]> {
    return this.http.post<ConsentDto[]>(`/api/trainees/${id(traineeId)}/consents`, dto, silent());
  }

  withdrawConsent(traineeId: string, consentId: string, paperFormRef?: string): Observable<ConsentDto[]> {
    return this.http.post<ConsentDto[]>(
      `/api/trainees/${id(traineeId)}/consents/${id(consentId)}/withdrawal`,
      paperFormRef ? { paperFormRef } : {},
      silent(),
    );
  }

  corrections(traineeId: string): Observable<CorrectionRequestDto[]> {
    return this.http.get<CorrectionRequestDto[]>(`/api/trainees/${id(traineeId)}/correction-requests`, silent());
  }

  requestCorrection(traineeId: string, dto: CreateCorrectionRequestDto): Observable<CorrectionRequestDto> {
    return this.http.post<CorrectionRequestDto>(`/api/trainees/${id(traineeId)}/correction-requests`, dto, silent());
  }

  resolveCorrection(requestId: string, dto: ResolveCorrectionRequestDto): Observable<CorrectionRequestDto> {
    return this.http.post<CorrectionRequestDto>(`/api/trainees/correction-requests/${id(requestId)}/resolution`, dto, silent());
  }

  importTemplate(): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/trainees/import/template', { responseType: 'blob', observe: 'response', ...silent() });
  }

  /** Dry run (`dryRun=true`) reports every bad row and writes nothing; the real run is all-or-nothing. */
  importRoster(file: File, dryRun: boolean): Observable<ImportReportDto> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<ImportReportDto>('/api/trainees/import', body, { params: queryParams({ dryRun }), ...silent() });
  }

  organisation(organisationId: string): Observable<OrganisationDto> {
    return this.http.get<OrganisationDto>(`/api/organisations/${id(organisationId)}`, silent());
  }
}
