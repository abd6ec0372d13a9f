import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { ChangePasswordDto, MeDto } from '../core/api/api-types';
import { ApiClient } from '../core/api/generated/api-client';
import { authControllerChangePassword } from '../core/api/generated/fn/auth/auth-controller-change-password';
import { authControllerMe } from '../core/api/generated/fn/auth/auth-controller-me';
import { SILENT_ERRORS } from '../core/errors/error-context';

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly api = inject(ApiClient);

  me(): Observable<MeDto> {
    return this.api.invoke(authControllerMe, {}, silent());
  }

  changePassword(dto: ChangePasswordDto): Observable<void> {
    return this.api.invoke(authControllerChangePassword, { body: dto }, silent());
  }
}
