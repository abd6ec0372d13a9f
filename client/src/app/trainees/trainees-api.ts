import { HttpContext, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { ApiClient } from '../core/api/generated/api-client';
import { consentsControllerForTrainee } from '../core/api/generated/fn/consents/consents-controller-for-trainee';
import { consentsControllerGrantAssisted } from '../core/api/generated/fn/consents/consents-controller-grant-assisted';
import { consentsControllerTexts } from '../core/api/generated/fn/consents/consents-controller-texts';
import { consentsControllerWithdrawAssisted } from '../core/api/generated/fn/consents/consents-controller-withdraw-assisted';
import { checklistControllerBehind } from '../core/api/generated/fn/trainees/checklist-controller-behind';
import { checklistControllerGet } from '../core/api/generated/fn/trainees/checklist-controller-get';
import { checklistControllerUpdate } from '../core/api/generated/fn/trainees/checklist-controller-update';
import { traineePortalControllerCorrections } from '../core/api/generated/fn/trainees/trainee-portal-controller-corrections';
import { traineePortalControllerRequestForTrainee } from '../core/api/generated/fn/trainees/trainee-portal-controller-request-for-trainee';
import { traineePortalControllerResolve } from '../core/api/generated/fn/trainees/trainee-portal-controller-resolve';
import { traineesControllerCreate } from '../core/api/generated/fn/trainees/trainees-controller-create';
import { traineesControllerExport } from '../core/api/generated/fn/trainees/trainees-controller-export';
import { traineesControllerGet } from '../core/api/generated/fn/trainees/trainees-controller-get';
import { traineesControllerHistory } from '../core/api/generated/fn/trainees/trainees-controller-history';
import { traineesControllerImport } from '../core/api/generated/fn/trainees/trainees-controller-import';
import { traineesControllerList } from '../core/api/generated/fn/trainees/trainees-controller-list';
import { traineesControllerReveal } from '../core/api/generated/fn/trainees/trainees-controller-reveal';
import { traineesControllerTemplate } from '../core/api/generated/fn/trainees/trainees-controller-template';
import { traineesControllerTransition } from '../core/api/generated/fn/trainees/trainees-controller-transition';
import { traineesControllerUpdate } from '../core/api/generated/fn/trainees/trainees-controller-update';
import { type QueryValue, operationQuery } from '../core/api/query-params';
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
const silent = () => new HttpContext().set(SILENT_ERRORS, true);

/** The caseload query exactly as `GET /trainees` takes it (empty values are left out). */
export type CaseloadApiQuery = Readonly<Record<string, QueryValue>>;

/** A counsellor's (or an admin's) side of trainee records: caseload, file, checklist, consent, corrections, import. */
@Injectable({ providedIn: 'root' })
export class TraineesApi {
  private readonly api = inject(ApiClient);

  list(query: CaseloadApiQuery): Observable<TraineePageDto> {
    return this.api.invoke(traineesControllerList, operationQuery(query), silent());
  }

  exportFile(query: CaseloadApiQuery): Observable<HttpResponse<Blob>> {
    return this.api.invoke$Response(traineesControllerExport, operationQuery(query), silent());
  }

  create(dto: CreateTraineeDto): Observable<TraineeDto> {
    return this.api.invoke(traineesControllerCreate, { body: dto }, silent());
  }

  get(traineeId: string): Observable<TraineeDto> {
    return this.api.invoke(traineesControllerGet, { id: traineeId }, silent());
  }

  update(traineeId: string, dto: UpdateTraineeDto): Observable<TraineeDto> {
    return this.api.invoke(traineesControllerUpdate, { id: traineeId, body: dto }, silent());
  }

  revealIdentityNumber(traineeId: string, reason: string): Observable<RevealedIdentityDto> {
    return this.api.invoke(traineesControllerReveal, { id: traineeId, body: { reason } }, silent());
  }

  transition(traineeId: string, to: TraineeState, reason: string): Observable<TraineeDto> {
    return this.api.invoke(traineesControllerTransition, { id: traineeId, body: { to, reason } }, silent());
  }

  history(traineeId: string): Observable<StateChangeDto[]> {
    return this.api.invoke(traineesControllerHistory, { id: traineeId }, silent());
  }

  checklist(traineeId: string): Observable<ChecklistItemDto[]> {
    return this.api.invoke(checklistControllerGet, { id: traineeId }, silent());
  }

  updateChecklistItem(traineeId: string, itemKey: ChecklistItemKey, dto: UpdateChecklistItemDto): Observable<ChecklistItemDto[]> {
    return this.api.invoke(checklistControllerUpdate, { id: traineeId, itemKey, body: dto }, silent());
  }

  behind(): Observable<ChecklistBehindDto[]> {
    return this.api.invoke(checklistControllerBehind, {}, silent());
  }

  consentTexts(): Observable<ConsentTextDto[]> {
    return this.api.invoke(consentsControllerTexts, {}, silent());
  }

  consents(traineeId: string): Observable<ConsentDto[]> {
    return this.api.invoke(consentsControllerForTrainee, { id: traineeId }, silent());
  }

  grantConsent(traineeId: string, dto: AssistedGrantConsentDto): Observable<ConsentDto[]> {
    return this.api.invoke(consentsControllerGrantAssisted, { id: traineeId, body: dto }, silent());
  }

  withdrawConsent(traineeId: string, consentId: string, paperFormRef?: string): Observable<ConsentDto[]> {
    return this.api.invoke(
      consentsControllerWithdrawAssisted,
      { id: traineeId, consentId, body: paperFormRef ? { paperFormRef } : {} },
      silent(),
    );
  }

  corrections(traineeId: string): Observable<CorrectionRequestDto[]> {
    return this.api.invoke(traineePortalControllerCorrections, { id: traineeId }, silent());
  }

  requestCorrection(traineeId: string, dto: CreateCorrectionRequestDto): Observable<CorrectionRequestDto> {
    return this.api.invoke(traineePortalControllerRequestForTrainee, { id: traineeId, body: dto }, silent());
  }

  resolveCorrection(requestId: string, dto: ResolveCorrectionRequestDto): Observable<CorrectionRequestDto> {
    return this.api.invoke(traineePortalControllerResolve, { requestId, body: dto }, silent());
  }

  importTemplate(): Observable<HttpResponse<Blob>> {
    return this.api.invoke$Response(traineesControllerTemplate, {}, silent());
  }

  /** Dry run (`dryRun=true`) reports every bad row and writes nothing; the real run is all-or-nothing. */
  importRoster(file: File, dryRun: boolean): Observable<ImportReportDto> {
    // Sent as multipart form data; a File keeps its name as the part's filename.
    return this.api.invoke(traineesControllerImport, { dryRun, body: { file } }, silent());
  }
}
