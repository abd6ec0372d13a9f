import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { EmployerRegistrationDto, RegisterEmployerDto } from '../core/api/api-types';
import { ApiClient } from '../core/api/generated/api-client';
import { employersControllerRegister } from '../core/api/generated/fn/employers/employers-controller-register';
import { SILENT_ERRORS } from '../core/errors/error-context';

@Injectable({ providedIn: 'root' })
export class RegistrationApi {
  private readonly api = inject(ApiClient);

  /** Errors are shown inside the form, so no global notice. */
  register(dto: RegisterEmployerDto): Observable<EmployerRegistrationDto> {
    return this.api.invoke(employersControllerRegister, { body: dto }, new HttpContext().set(SILENT_ERRORS, true));
  }
}
