import { inject } from '@angular/core';
import type { CanActivateChildFn } from '@angular/router';
import { Router } from '@angular/router';
import { AuthStore } from './auth-store';

/** Where an account that must enrol its second factor is sent. */
export const MFA_ENROLMENT_URL = '/account/mfa';

/**
 * Whether the access token says the account must still enrol its second factor (claim `mfa:
 * 'pending'`). Read for navigation only: the server refuses such a session everywhere but the
 * enrolment routes whatever the client does.
 */
export function isMfaPending(accessToken: string | null): boolean {
  const payload = accessToken?.split('.')[1];
  if (!payload) return false;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    return (JSON.parse(json) as { mfa?: unknown }).mfa === 'pending';
  } catch {
    return false;
  }
}

/**
 * On the signed-in frame's children: a session that must enrol first goes to the enrolment page
 * (every other page would only meet 403 MFA_ENROLMENT_REQUIRED).
 */
export const mfaEnrolmentGuard: CanActivateChildFn = (_route, state) => {
  const auth = inject(AuthStore);
  if (!isMfaPending(auth.accessToken())) return true;
  return state.url.split('?')[0] === MFA_ENROLMENT_URL || inject(Router).createUrlTree([MFA_ENROLMENT_URL]);
};
