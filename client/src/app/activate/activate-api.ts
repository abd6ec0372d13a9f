import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { ApiClient } from '../core/api/generated/api-client';
import { activationControllerActivate } from '../core/api/generated/fn/activation/activation-controller-activate';
import type { ActivateDto } from '../core/api/generated/models/activate-dto';
import type { ActivatedDto } from '../core/api/generated/models/activated-dto';
import { SILENT_ERRORS } from '../core/errors/error-context';

/** The public side of the activation code: one call, no sign-in. */
@Injectable({ providedIn: 'root' })
export class ActivateApi {
  private readonly api = inject(ApiClient);

  activate(body: ActivateDto): Observable<ActivatedDto> {
    return this.api.invoke(activationControllerActivate, { body }, new HttpContext().set(SILENT_ERRORS, true));
  }
}
