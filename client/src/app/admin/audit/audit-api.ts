import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { AuditEntryPageDto, AuditResult } from '../../core/api/api-types';
import { ApiClient } from '../../core/api/generated/api-client';
import { auditControllerSearch } from '../../core/api/generated/fn/audit/audit-controller-search';
import { operationQuery } from '../../core/api/query-params';
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
  /** The shown page's `nextCursor`, to get the page after it by keyset (`page` is then only echoed). */
  readonly after?: string;
}

@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly api = inject(ApiClient);

  search(query: AuditQuery): Observable<AuditEntryPageDto> {
    return this.api.invoke(auditControllerSearch, operationQuery({ ...query }), new HttpContext().set(SILENT_ERRORS, true));
  }
}
