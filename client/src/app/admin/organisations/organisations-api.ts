import { HttpContext } from '@angular/common/http';
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
import { ApiClient } from '../../core/api/generated/api-client';
import { organisationsControllerCreate } from '../../core/api/generated/fn/organisations/organisations-controller-create';
import { organisationsControllerDecide } from '../../core/api/generated/fn/organisations/organisations-controller-decide';
import { organisationsControllerList } from '../../core/api/generated/fn/organisations/organisations-controller-list';
import { organisationsControllerUpdate } from '../../core/api/generated/fn/organisations/organisations-controller-update';
import { operationQuery } from '../../core/api/query-params';
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
const silent = () => new HttpContext().set(SILENT_ERRORS, true);

@Injectable({ providedIn: 'root' })
export class OrganisationsApi {
  private readonly api = inject(ApiClient);

  list(query: OrganisationQuery): Observable<OrganisationPageDto> {
    return this.api.invoke(organisationsControllerList, operationQuery({ ...query }), silent());
  }

  create(dto: CreateOrganisationDto): Observable<OrganisationDto> {
    return this.api.invoke(organisationsControllerCreate, { body: dto }, silent());
  }

  update(id: string, dto: UpdateOrganisationDto): Observable<OrganisationDto> {
    return this.api.invoke(organisationsControllerUpdate, { id, body: dto }, silent());
  }

  decide(id: string, dto: EmployerDecisionDto): Observable<OrganisationDto> {
    return this.api.invoke(organisationsControllerDecide, { id, body: dto }, silent());
  }
}
