import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { queryParams } from '../core/api/query-params';
import { SILENT_ERRORS } from '../core/errors/error-context';
import type { OrganisationPageDto } from '../core/api/api-types';
import {
  type AbstinenceReportDto,
  cohortParam,
  type FairFunnelReportDto,
  type MottoReportDto,
  type OrderFunnelReportDto,
  type ReportFilter,
} from './reports-types';

/** The page shows its own errors, per report. */
const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });
const cohortQuery = (f: ReportFilter) => ({
  cohort: cohortParam(f),
  groupBy: f.groupBy,
  facilityId: f.facilityId,
  stationId: f.stationId,
  divisionCode: f.divisionCode,
});
const cohort = (f: ReportFilter) => queryParams(cohortQuery(f));
const window = (f: ReportFilter) => queryParams({ from: f.from, to: f.to });

/** Outcome reports (成效报表): counts only, scoped by the server to what the caller may see. */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  motto(f: ReportFilter): Observable<MottoReportDto> {
    return this.http.get<MottoReportDto>('/api/reports/motto', { params: cohort(f), ...silent() });
  }
  abstinence(f: ReportFilter): Observable<AbstinenceReportDto> {
    return this.http.get<AbstinenceReportDto>('/api/reports/abstinence', { params: cohort(f), ...silent() });
  }
  orderFunnel(f: ReportFilter): Observable<OrderFunnelReportDto> {
    return this.http.get<OrderFunnelReportDto>('/api/reports/order-funnel', { params: window(f), ...silent() });
  }
  fairFunnel(f: ReportFilter): Observable<FairFunnelReportDto> {
    return this.http.get<FairFunnelReportDto>('/api/reports/fair-funnel', { params: window(f), ...silent() });
  }
  /** Facilities or stations to filter by (an admin's list; a counsellor's reports are their organisation's anyway). */
  organisations(type: 'facility' | 'community_station'): Observable<OrganisationPageDto> {
    return this.http.get<OrganisationPageDto>('/api/organisations', { params: queryParams({ type, pageSize: 100 }), ...silent() });
  }
  workbook(f: ReportFilter): Observable<Blob> {
    const params = queryParams({ ...cohortQuery(f), from: f.from, to: f.to });
    return this.http.get('/api/reports/outcomes.xlsx', { params, responseType: 'blob' });
  }
}
