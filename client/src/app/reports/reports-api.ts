import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { OrganisationPageDto } from '../core/api/api-types';
import { ApiClient } from '../core/api/generated/api-client';
import { organisationsControllerList } from '../core/api/generated/fn/organisations/organisations-controller-list';
import { reportsControllerAbstinence } from '../core/api/generated/fn/reports/reports-controller-abstinence';
import { reportsControllerFairFunnel } from '../core/api/generated/fn/reports/reports-controller-fair-funnel';
import { reportsControllerMotto } from '../core/api/generated/fn/reports/reports-controller-motto';
import { reportsControllerOrderFunnel } from '../core/api/generated/fn/reports/reports-controller-order-funnel';
import { reportsControllerWorkbook } from '../core/api/generated/fn/reports/reports-controller-workbook';
import { operationQuery } from '../core/api/query-params';
import { SILENT_ERRORS } from '../core/errors/error-context';
import {
  type AbstinenceReportDto,
  cohortParam,
  type FairFunnelReportDto,
  type MottoReportDto,
  type OrderFunnelReportDto,
  type ReportFilter,
} from './reports-types';

/** The page shows its own errors, per report. */
const silent = () => new HttpContext().set(SILENT_ERRORS, true);
const cohortQuery = (f: ReportFilter) => ({
  cohort: cohortParam(f),
  groupBy: f.groupBy,
  facilityId: f.facilityId,
  stationId: f.stationId,
  divisionCode: f.divisionCode,
});
const cohort = <P>(f: ReportFilter) => operationQuery<P>(cohortQuery(f));
const window = <P>(f: ReportFilter) => operationQuery<P>({ from: f.from, to: f.to });

/** Outcome reports (成效报表): counts only, scoped by the server to what the caller may see. */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly api = inject(ApiClient);

  motto(f: ReportFilter): Observable<MottoReportDto> {
    return this.api.invoke(reportsControllerMotto, cohort(f), silent());
  }
  abstinence(f: ReportFilter): Observable<AbstinenceReportDto> {
    return this.api.invoke(reportsControllerAbstinence, cohort(f), silent());
  }
  orderFunnel(f: ReportFilter): Observable<OrderFunnelReportDto> {
    return this.api.invoke(reportsControllerOrderFunnel, window(f), silent());
  }
  fairFunnel(f: ReportFilter): Observable<FairFunnelReportDto> {
    return this.api.invoke(reportsControllerFairFunnel, window(f), silent());
  }
  /** Facilities or stations to filter by (an admin's list; a counsellor's reports are their organisation's anyway). */
  organisations(type: 'facility' | 'community_station'): Observable<OrganisationPageDto> {
    return this.api.invoke(organisationsControllerList, operationQuery({ type, pageSize: 100 }), silent());
  }
  workbook(f: ReportFilter): Observable<Blob> {
    return this.api.invoke(reportsControllerWorkbook, operationQuery({ ...cohortQuery(f), from: f.from, to: f.to }));
  }
}
