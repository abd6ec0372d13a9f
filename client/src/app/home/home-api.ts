import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AuditEntryPageDto,
  CaseloadSummaryDto,
  MyTraineeStatusDto,
  OrganisationDto,
  OrganisationPageDto,
  OrganisationStatus,
  OrganisationType,
} from '../core/api/api-types';
import { queryParams } from '../core/api/query-params';
import { SILENT_ERRORS } from '../core/errors/error-context';

/** The workbench shows load errors in place, so its reads are silent. */
const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

@Injectable({ providedIn: 'root' })
export class HomeApi {
  private readonly http = inject(HttpClient);

  organisations(query: { type?: OrganisationType; status?: OrganisationStatus; pageSize: number }): Observable<OrganisationPageDto> {
    return this.http.get<OrganisationPageDto>('/api/organisations', { params: queryParams({ page: 1, ...query }), ...silent() });
  }

  organisation(id: string): Observable<OrganisationDto> {
    return this.http.get<OrganisationDto>(`/api/organisations/${encodeURIComponent(id)}`, silent());
  }

  latestAudit(pageSize: number): Observable<AuditEntryPageDto> {
    return this.http.get<AuditEntryPageDto>('/api/audit', { params: queryParams({ page: 1, pageSize }), ...silent() });
  }

  caseloadSummary(): Observable<CaseloadSummaryDto> {
    return this.http.get<CaseloadSummaryDto>('/api/trainees/caseload-summary', silent());
  }

  myTraineeStatus(): Observable<MyTraineeStatusDto> {
    return this.http.get<MyTraineeStatusDto>('/api/trainees/me', silent());
  }
}
