import { inject } from '@angular/core';
import { type CanActivateFn, Router, type UrlTree } from '@angular/router';
import type { Role } from '../api/api-types';
import { AuthStore } from './auth-store';

function toLogin(router: Router, returnUrl: string): UrlTree {
  return router.createUrlTree(['/login'], { queryParams: returnUrl && returnUrl !== '/' ? { returnUrl } : {} });
}

/** Signed-in users only; others go to the login page and come back afterwards. */
export const authGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthStore);
  return auth.isAuthenticated() || toLogin(inject(Router), state.url);
};

/** Only the given roles; a signed-in user with another role lands on their own home page. */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return (_route, state) => {
    const auth = inject(AuthStore);
    const router = inject(Router);
    if (!auth.isAuthenticated()) return toLogin(router, state.url);
    return auth.hasRole(...roles) || router.createUrlTree(['/']);
  };
}

/** The login page is for signed-out users: a signed-in user goes home. */
export const guestGuard: CanActivateFn = () => {
  const auth = inject(AuthStore);
  return !auth.isAuthenticated() || inject(Router).createUrlTree(['/']);
};

/** Only same-site paths, so `?returnUrl=` cannot send anyone to another site. */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/login')) return '/';
  return value;
}
