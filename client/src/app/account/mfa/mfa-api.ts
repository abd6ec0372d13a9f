import { HttpBackend, HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { components, paths } from '../../core/api/generated/api';
import { SILENT_ERRORS } from '../../core/errors/error-context';

type Schemas = components['schemas'];
export type MfaStatusDto = Schemas['MfaStatusDto'];
export type MfaEnrolmentStartDto = Schemas['MfaEnrolmentStartDto'];
export type MfaRecoveryCodesDto = Schemas['MfaRecoveryCodesDto'];
export type MfaChallengeDto = Schemas['MfaChallengeDto'];
export type MfaLoginDto = paths['/api/auth/mfa']['post']['requestBody']['content']['application/json'];
type SessionDto = Schemas['SessionDto'];

export const MFA_URLS = {
  enrolment: '/api/mfa/enrolment',
  confirm: '/api/mfa/enrolment/confirm',
  signIn: '/api/auth/mfa',
} as const;

/** The login answer of an account with a second factor (instead of a session). */
export function isMfaChallenge(answer: unknown): answer is MfaChallengeDto {
  return typeof answer === 'object' && answer !== null && (answer as { mfaRequired?: unknown }).mfaRequired === true;
}

const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

@Injectable({ providedIn: 'root' })
export class MfaApi {
  private readonly http = inject(HttpClient);
  /**
   * The code step of sign-in is a session call like login itself: no bearer token, no
   * refresh-and-retry on its 401s (a wrong code is not an expired session), no Idempotency-Key (a
   * replayed answer would lack its cookie). So it goes straight to the backend, past the interceptors.
   */
  private readonly bare = new HttpClient(inject(HttpBackend));

  status(): Observable<MfaStatusDto> {
    return this.http.get<MfaStatusDto>(MFA_URLS.enrolment, silent());
  }

  start(): Observable<MfaEnrolmentStartDto> {
    return this.http.post<MfaEnrolmentStartDto>(MFA_URLS.enrolment, null, silent());
  }

  confirm(code: string): Observable<MfaRecoveryCodesDto> {
    return this.http.post<MfaRecoveryCodesDto>(MFA_URLS.confirm, { code }, silent());
  }

  turnOff(code: string): Observable<void> {
    return this.http.request<void>('DELETE', MFA_URLS.enrolment, { body: { code }, ...silent() });
  }

  /** Answers the login's challenge; the refresh cookie comes back with the session. */
  signIn(dto: MfaLoginDto): Observable<SessionDto> {
    return this.bare.post<SessionDto>(MFA_URLS.signIn, dto, { withCredentials: true });
  }
}
