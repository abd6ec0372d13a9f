import { HttpBackend, HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';
import type { components } from '../../core/api/generated/api';
import { ApiClient } from '../../core/api/generated/api-client';
import { ApiConfiguration } from '../../core/api/generated/api-configuration';
import { type AuthControllerMfa$Params, authControllerMfa } from '../../core/api/generated/fn/auth/auth-controller-mfa';
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
export type MfaLoginDto = AuthControllerMfa$Params['body'];
type SessionDto = Schemas['SessionDto'];

/** The login answer of an account with a second factor (instead of a session). */
export function isMfaChallenge(answer: unknown): answer is MfaChallengeDto {
  return typeof answer === 'object' && answer !== null && (answer as { mfaRequired?: unknown }).mfaRequired === true;
}

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

@Injectable({ providedIn: 'root' })
export class MfaApi {
  private readonly api = inject(ApiClient);
  private readonly config = inject(ApiConfiguration);
  private readonly backend = inject(HttpBackend);
  /**
   * The code step of sign-in is a session call like login itself: no bearer token, no
   * refresh-and-retry on its 401s (a wrong code is not an expired session), no Idempotency-Key (a
   * replayed answer would lack its cookie). So it goes straight to the backend, past the interceptors,
   * with credentials (the refresh cookie comes back with the session).
   */
  private readonly bare = new HttpClient({ handle: (req) => this.backend.handle(req.clone({ withCredentials: true })) });

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

  /** Answers the login's challenge; the refresh cookie comes back with the session. */
  signIn(dto: MfaLoginDto): Observable<SessionDto> {
    return authControllerMfa(this.bare, this.config.rootUrl, { body: dto }).pipe(map((response) => response.body));
  }
}
