import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, shareReplay } from 'rxjs';
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
import { todayControllerGet } from '../core/api/generated/fn/today/today-controller-get';
import type { TodayDto } from '../core/api/generated/models/today-dto';
import { traineesControllerCaseloadSummary } from '../core/api/generated/fn/trainees/trainees-controller-caseload-summary';
import { traineesControllerMe } from '../core/api/generated/fn/trainees/trainees-controller-me';
import { operationQuery } from '../core/api/query-params';
import { SILENT_ERRORS } from '../core/errors/error-context';

/** The workbench shows load errors in place, so its reads are silent. */
const silent = () => new HttpContext().set(SILENT_ERRORS, true);

@Injectable({ providedIn: 'root' })
export class HomeApi {
  private readonly api = inject(ApiClient);
  /** The signed-in user's organisation, read once: the shell (station or not) and the home share it. */
  private readonly organisations$ = new Map<string, Observable<OrganisationDto>>();

  organisations(query: { type?: OrganisationType; status?: OrganisationStatus; pageSize: number }): Observable<OrganisationPageDto> {
    return this.api.invoke(organisationsControllerList, operationQuery({ page: 1, ...query }), silent());
  }

  organisation(id: string): Observable<OrganisationDto> {
    let shared = this.organisations$.get(id);
    if (!shared) {
      shared = this.api.invoke(organisationsControllerGet, { id }, silent()).pipe(shareReplay({ bufferSize: 1, refCount: false }));
      this.organisations$.set(id, shared);
      // A failed read is not kept: the next one asks again.
      shared.subscribe({ error: () => this.organisations$.delete(id) });
    }
    return shared;
  }

  /** What the signed-in member of staff must do today, as counts (one section filled, by role and organisation type). */
  today(): Observable<TodayDto> {
    return this.api.invoke(todayControllerGet, {}, silent());
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
