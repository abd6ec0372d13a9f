import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { ChangePasswordDto, MeDto } from '../core/api/api-types';
import { SILENT_ERRORS } from '../core/errors/error-context';

const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);

  me(): Observable<MeDto> {
    return this.http.get<MeDto>('/api/auth/me', silent());
  }

  changePassword(dto: ChangePasswordDto): Observable<void> {
    return this.http.post<void>('/api/auth/password', dto, silent());
  }
}
