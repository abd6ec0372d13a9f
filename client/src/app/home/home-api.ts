import { HttpContext } from '@angular/common/http';
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
import { ApiClient } from '../core/api/generated/api-client';
import { auditControllerSearch } from '../core/api/generated/fn/audit/audit-controller-search';
import { organisationsControllerGet } from '../core/api/generated/fn/organisations/organisations-controller-get';
import { organisationsControllerList } from '../core/api/generated/fn/organisations/organisations-controller-list';
import { traineesControllerCaseloadSummary } from '../core/api/generated/fn/trainees/trainees-controller-caseload-summary';
import { traineesControllerMe } from '../core/api/generated/fn/trainees/trainees-controller-me';
import { operationQuery } from '../core/api/query-params';
import { SILENT_ERRORS } from '../core/errors/error-context';

/** The workbench shows load errors in place, so its reads are silent. */
const silent = () => new HttpContext().set(SILENT_ERRORS, true);

@Injectable({ providedIn: 'root' })
export class HomeApi {
  private readonly api = inject(ApiClient);

  organisations(query: { type?: OrganisationType; status?: OrganisationStatus; pageSize: number }): Observable<OrganisationPageDto> {
    return this.api.invoke(organisationsControllerList, operationQuery({ page: 1, ...query }), silent());
  }

  organisation(id: string): Observable<OrganisationDto> {
    return this.api.invoke(organisationsControllerGet, { id }, silent());
  }

  latestAudit(pageSize: number): Observable<AuditEntryPageDto> {
    return this.api.invoke(auditControllerSearch, { page: 1, pageSize }, silent());
  }

  caseloadSummary(): Observable<CaseloadSummaryDto> {
    return this.api.invoke(traineesControllerCaseloadSummary, {}, silent());
  }

  myTraineeStatus(): Observable<MyTraineeStatusDto> {
    return this.api.invoke(traineesControllerMe, {}, silent());
  }
}
