import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { Role, UserDto, UserPageDto } from '../../core/api/api-types';
import { ApiClient } from '../../core/api/generated/api-client';
import { usersControllerList } from '../../core/api/generated/fn/users/users-controller-list';
import {
  type UsersControllerSetPermissions$Params,
  usersControllerSetPermissions,
} from '../../core/api/generated/fn/users/users-controller-set-permissions';
import { operationQuery } from '../../core/api/query-params';
import { SILENT_ERRORS } from '../../core/errors/error-context';

export type SetPermissionsDto = UsersControllerSetPermissions$Params['body'];
export type Permission = SetPermissionsDto['permissions'][number];

export interface StaffQuery {
  readonly role?: Role | null;
  readonly q?: string | null;
  readonly page: number;
  readonly pageSize: number;
}

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

/** The security administrator's two calls: the staff list (read-only) and the permission change. */
@Injectable({ providedIn: 'root' })
export class PermissionsApi {
  private readonly api = inject(ApiClient);

  list(query: StaffQuery): Observable<UserPageDto> {
    return this.api.invoke(usersControllerList, operationQuery({ ...query }), silent());
  }

  /** Replaces the account's permissions; the form shows a refusal in place. */
  set(id: string, dto: SetPermissionsDto): Observable<UserDto> {
    return this.api.invoke(usersControllerSetPermissions, { id, body: dto }, silent());
  }
}
