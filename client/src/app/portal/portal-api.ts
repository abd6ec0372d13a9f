import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { ApiClient } from '../core/api/generated/api-client';
import { consentsControllerGrantMine } from '../core/api/generated/fn/consents/consents-controller-grant-mine';
import { consentsControllerMine } from '../core/api/generated/fn/consents/consents-controller-mine';
import { consentsControllerTexts } from '../core/api/generated/fn/consents/consents-controller-texts';
import { consentsControllerWithdrawMine } from '../core/api/generated/fn/consents/consents-controller-withdraw-mine';
import { traineePortalControllerMyChecklist } from '../core/api/generated/fn/trainees/trainee-portal-controller-my-checklist';
import { traineePortalControllerMyCorrections } from '../core/api/generated/fn/trainees/trainee-portal-controller-my-corrections';
import { traineePortalControllerMyData } from '../core/api/generated/fn/trainees/trainee-portal-controller-my-data';
import { traineePortalControllerRequestCorrection } from '../core/api/generated/fn/trainees/trainee-portal-controller-request-correction';
import { SILENT_ERRORS } from '../core/errors/error-context';
import type {
  ChecklistItemDto,
  ConsentDto,
  ConsentTextDto,
  CorrectionRequestDto,
  CreateCorrectionRequestDto,
  GrantConsentDto,
  MyDataDto,
} from '../trainees/trainees-types';

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

/** The trainee's own portal: `/trainees/me/…`. The pages show every error themselves, in plain words. */
@Injectable({ providedIn: 'root' })
export class PortalApi {
  private readonly api = inject(ApiClient);

  checklist(): Observable<ChecklistItemDto[]> {
    return this.api.invoke(traineePortalControllerMyChecklist, {}, silent());
  }

  consentTexts(): Observable<ConsentTextDto[]> {
    return this.api.invoke(consentsControllerTexts, {}, silent());
  }

  consents(): Observable<ConsentDto[]> {
    return this.api.invoke(consentsControllerMine, {}, silent());
  }

  grant(dto: GrantConsentDto): Observable<ConsentDto[]> {
    return this.api.invoke(consentsControllerGrantMine, { body: dto }, silent());
  }

  /** Takes effect at once on the server: every later read sees it. */
  withdraw(consentId: string): Observable<ConsentDto[]> {
    return this.api.invoke(consentsControllerWithdrawMine, { consentId }, silent());
  }

  myData(): Observable<MyDataDto> {
    return this.api.invoke(traineePortalControllerMyData, {}, silent());
  }

  corrections(): Observable<CorrectionRequestDto[]> {
    return this.api.invoke(traineePortalControllerMyCorrections, {}, silent());
  }

  requestCorrection(dto: CreateCorrectionRequestDto): Observable<CorrectionRequestDto> {
    return this.api.invoke(traineePortalControllerRequestCorrection, { body: dto }, silent());
  }
}
