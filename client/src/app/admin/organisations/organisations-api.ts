import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  CreateOrganisationDto,
  EmployerDecisionDto,
  OrganisationDto,
  OrganisationPageDto,
  OrganisationStatus,
  OrganisationType,
  UpdateOrganisationDto,
} from '../../core/api/api-types';
import { queryParams } from '../../core/api/query-params';
import { SILENT_ERRORS } from '../../core/errors/error-context';

export interface OrganisationQuery {
  readonly type?: OrganisationType | null;
  readonly status?: OrganisationStatus | null;
  readonly divisionCode?: string | null;
  readonly q?: string | null;
  readonly page: number;
  readonly pageSize: number;
}

/** Lists show their errors in place and forms show theirs inline: every call here is silent. */
const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

@Injectable({ providedIn: 'root' })
export class OrganisationsApi {
  private readonly http = inject(HttpClient);

  list(query: OrganisationQuery): Observable<OrganisationPageDto> {
    return this.http.get<OrganisationPageDto>('/api/organisations', { params: queryParams({ ...query }), ...silent() });
  }

  create(dto: CreateOrganisationDto): Observable<OrganisationDto> {
    return this.http.post<OrganisationDto>('/api/organisations', dto, silent());
  }

  update(id: string, dto: UpdateOrganisationDto): Observable<OrganisationDto> {
    return this.http.patch<OrganisationDto>(`/api/organisations/${encodeURIComponent(id)}`, dto, silent());
  }

  decide(id: string, dto: EmployerDecisionDto): Observable<OrganisationDto> {
    return this.http.post<OrganisationDto>(`/api/organisations/${encodeURIComponent(id)}/decision`, dto, silent());
  }
}
