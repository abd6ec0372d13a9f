import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { AuditEntryPageDto, AuditResult } from '../../core/api/api-types';
import { queryParams } from '../../core/api/query-params';
import { SILENT_ERRORS } from '../../core/errors/error-context';

export interface AuditQuery {
  readonly actor?: string;
  readonly action?: string;
  readonly subjectType?: string;
  readonly subjectId?: string;
  readonly result?: AuditResult | null;
  /** ISO date-time, inclusive. */
  readonly from?: string;
  /** ISO date-time, exclusive. */
  readonly to?: string;
  readonly page: number;
  readonly pageSize: number;
}

@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  search(query: AuditQuery): Observable<AuditEntryPageDto> {
    return this.http.get<AuditEntryPageDto>('/api/audit', {
      params: queryParams({ ...query }),
      context: new HttpContext().set(SILENT_ERRORS, true),
    });
  }
}
