import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { CreateUserDto, OrganisationPageDto, Role, UpdateUserDto, UserDto, UserPageDto } from '../../core/api/api-types';
import { queryParams } from '../../core/api/query-params';
import { SILENT_ERRORS } from '../../core/errors/error-context';

export interface UserQuery {
  readonly organisationId?: string | null;
  readonly role?: Role | null;
  readonly q?: string | null;
  readonly page: number;
  readonly pageSize: number;
}

const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(query: UserQuery): Observable<UserPageDto> {
    return this.http.get<UserPageDto>('/api/users', { params: queryParams({ ...query }), ...silent() });
  }

  create(dto: CreateUserDto): Observable<UserDto> {
    return this.http.post<UserDto>('/api/users', dto, silent());
  }

  /** Row actions (disable, unlock) report failures through the global notice. */
  update(id: string, dto: UpdateUserDto): Observable<UserDto> {
    return this.http.patch<UserDto>(`/api/users/${encodeURIComponent(id)}`, dto);
  }

  resetPassword(id: string, newPassword: string): Observable<void> {
    return this.http.post<void>(`/api/users/${encodeURIComponent(id)}/password`, { newPassword }, silent());
  }

  /** For the organisation pickers. */
  searchOrganisations(q: string): Observable<OrganisationPageDto> {
    return this.http.get<OrganisationPageDto>('/api/organisations', { params: queryParams({ q, page: 1, pageSize: 20 }), ...silent() });
  }
}
