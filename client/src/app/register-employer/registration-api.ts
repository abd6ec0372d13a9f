import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { EmployerRegistrationDto, RegisterEmployerDto } from '../core/api/api-types';
import { SILENT_ERRORS } from '../core/errors/error-context';

@Injectable({ providedIn: 'root' })
export class RegistrationApi {
  private readonly http = inject(HttpClient);

  /** Errors are shown inside the form, so no global notice. */
  register(dto: RegisterEmployerDto): Observable<EmployerRegistrationDto> {
    return this.http.post<EmployerRegistrationDto>('/api/employers/registrations', dto, {
      context: new HttpContext().set(SILENT_ERRORS, true),
    });
  }
}
