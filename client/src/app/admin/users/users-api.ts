import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { CreateUserDto, OrganisationPageDto, Role, UpdateUserDto, UserDto, UserPageDto } from '../../core/api/api-types';
import { ApiClient } from '../../core/api/generated/api-client';
import { organisationsControllerList } from '../../core/api/generated/fn/organisations/organisations-controller-list';
import { usersControllerCreate } from '../../core/api/generated/fn/users/users-controller-create';
import { usersControllerList } from '../../core/api/generated/fn/users/users-controller-list';
import { usersControllerResetPassword } from '../../core/api/generated/fn/users/users-controller-reset-password';
import { usersControllerUpdate } from '../../core/api/generated/fn/users/users-controller-update';
import { operationQuery } from '../../core/api/query-params';
import { SILENT_ERRORS } from '../../core/errors/error-context';

export interface UserQuery {
  readonly organisationId?: string | null;
  readonly role?: Role | null;
  readonly q?: string | null;
  readonly page: number;
  readonly pageSize: number;
}

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly api = inject(ApiClient);

  list(query: UserQuery): Observable<UserPageDto> {
    return this.api.invoke(usersControllerList, operationQuery({ ...query }), silent());
  }

  create(dto: CreateUserDto): Observable<UserDto> {
    return this.api.invoke(usersControllerCreate, { body: dto }, silent());
  }

  /** Row actions (disable, unlock) report failures through the global notice. */
  update(id: string, dto: UpdateUserDto): Observable<UserDto> {
    return this.api.invoke(usersControllerUpdate, { id, body: dto });
  }

  resetPassword(id: string, newPassword: string): Observable<void> {
    return this.api.invoke(usersControllerResetPassword, { id, body: { newPassword } }, silent());
  }

  /** For the organisation pickers. */
  searchOrganisations(q: string): Observable<OrganisationPageDto> {
    return this.api.invoke(organisationsControllerList, operationQuery({ q, page: 1, pageSize: 20 }), silent());
  }
}
