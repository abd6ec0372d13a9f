import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
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

const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

/** The trainee's own portal: `/trainees/me/…`. The pages show every error themselves, in plain words. */
@Injectable({ providedIn: 'root' })
export class PortalApi {
  private readonly http = inject(HttpClient);

  checklist(): Observable<ChecklistItemDto[]> {
    return this.http.get<ChecklistItemDto[]>('/api/trainees/me/checklist', silent());
  }

  consentTexts(): Observable<ConsentTextDto[]> {
    return this.http.get<ConsentTextDto[]>('/api/consent-texts', silent());
  }

  consents(): Observable<ConsentDto[]> {
    return this.http.get<ConsentDto[]>('/api/trainees/me/consents', silent());
  }

  grant(dto: GrantConsentDto): Observable<ConsentDto[]> {
    return this.http.post<ConsentDto[]>('/api/trainees/me/consents', dto, silent());
  }

  /** Takes effect at once on the server: every later read sees it. */
  withdraw(consentId: string): Observable<ConsentDto[]> {
    return this.http.post<ConsentDto[]>(`/api/trainees/me/consents/${encodeURIComponent(consentId)}/withdrawal`, {}, silent());
  }

  myData(): Observable<MyDataDto> {
    return this.http.get<MyDataDto>('/api/trainees/me/data', silent());
  }

  corrections(): Observable<CorrectionRequestDto[]> {
    return this.http.get<CorrectionRequestDto[]>('/api/trainees/me/correction-requests', silent());
  }

  requestCorrection(dto: CreateCorrectionRequestDto): Observable<CorrectionRequestDto> {
    return this.http.post<CorrectionRequestDto>('/api/trainees/me/correction-requests', dto, silent());
  }
}
