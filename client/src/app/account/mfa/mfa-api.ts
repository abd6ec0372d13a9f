import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { components } from '../../core/api/generated/api';
import { ApiClient } from '../../core/api/generated/api-client';
import { mfaControllerConfirm } from '../../core/api/generated/fn/mfa/mfa-controller-confirm';
import { mfaControllerRemove } from '../../core/api/generated/fn/mfa/mfa-controller-remove';
import { mfaControllerStart } from '../../core/api/generated/fn/mfa/mfa-controller-start';
import { mfaControllerStatus } from '../../core/api/generated/fn/mfa/mfa-controller-status';
import { SILENT_ERRORS } from '../../core/errors/error-context';

type Schemas = components['schemas'];
export type MfaStatusDto = Schemas['MfaStatusDto'];
export type MfaEnrolmentStartDto = Schemas['MfaEnrolmentStartDto'];
export type MfaRecoveryCodesDto = Schemas['MfaRecoveryCodesDto'];
export type MfaChallengeDto = Schemas['MfaChallengeDto'];

/** The login answer of an account with a second factor (instead of a session). */
export function isMfaChallenge(answer: unknown): answer is MfaChallengeDto {
  return typeof answer === 'object' && answer !== null && (answer as { mfaRequired?: unknown }).mfaRequired === true;
}

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

@Injectable({ providedIn: 'root' })
export class MfaApi {
  private readonly api = inject(ApiClient);

  status(): Observable<MfaStatusDto> {
    return this.api.invoke(mfaControllerStatus, {}, silent());
  }

  start(): Observable<MfaEnrolmentStartDto> {
    return this.api.invoke(mfaControllerStart, {}, silent());
  }

  confirm(code: string): Observable<MfaRecoveryCodesDto> {
    return this.api.invoke(mfaControllerConfirm, { body: { code } }, silent());
  }

  turnOff(code: string): Observable<void> {
    return this.api.invoke(mfaControllerRemove, { body: { code } }, silent());
  }
}
