import { DOCUMENT } from '@angular/common';
import { inject } from '@angular/core';
import { type CanActivateFn, Router, type UrlTree } from '@angular/router';
import type { Role } from '../api/api-types';
import { AuthStore } from './auth-store';
import { SIGN_IN_PATH } from './sign-in-address';

export { safeReturnUrl } from './sign-in-address';

function toLogin(router: Router, returnUrl: string): UrlTree {
  return router.createUrlTree([SIGN_IN_PATH], { queryParams: returnUrl && returnUrl !== '/' ? { returnUrl } : {} });
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

/**
 * The sign-in page is not part of this app (src/sign-in/): the router hands `/login` to the browser,
 * which loads it from the server, query (`returnUrl`, `notice`, `username`) and all. A link, a guard's
 * redirect and a sign-out all arrive here.
 */
export const leaveForSignIn: CanActivateFn = (_route, state) => {
  const location = inject(DOCUMENT).location;
  // This app itself was served for /login (a dev server that does not proxy it): leaving would loop.
  if (!inject(Router).navigated && location.pathname === SIGN_IN_PATH) {
    console.error('The sign-in page is served by the server (npm start), not by the app.');
    return false;
  }
  // Offline the page cannot be loaded: say so inside the app, and go there when the connection is back.
  if (globalThis.navigator?.onLine === false) return inject(Router).createUrlTree(['/sign-in-offline'], { queryParams: { to: state.url } });
  location.assign(state.url);
  return false;
};
