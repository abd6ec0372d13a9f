import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { Role, UserDto, UserPageDto } from '../../core/api/api-types';
import type { paths } from '../../core/api/generated/api';
import { queryParams } from '../../core/api/query-params';
import { SILENT_ERRORS } from '../../core/errors/error-context';

type PermissionsRoute = paths['/api/users/{id}/permissions']['put'];
export type SetPermissionsDto = PermissionsRoute['requestBody']['content']['application/json'];
export type Permission = SetPermissionsDto['permissions'][number];

export interface StaffQuery {
  readonly role?: Role | null;
  readonly q?: string | null;
  readonly page: number;
  readonly pageSize: number;
}

const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

/** The security administrator's two calls: the staff list (read-only) and the permission change. */
@Injectable({ providedIn: 'root' })
export class PermissionsApi {
  private readonly http = inject(HttpClient);

  list(query: StaffQuery): Observable<UserPageDto> {
    return this.http.get<UserPageDto>('/api/users', { params: queryParams({ ...query }), ...silent() });
  }

  /** Replaces the account's permissions; the form shows a refusal in place. */
  set(id: string, dto: SetPermissionsDto): Observable<UserDto> {
    return this.http.put<UserDto>(`/api/users/${encodeURIComponent(id)}/permissions`, dto, silent());
  }
}
