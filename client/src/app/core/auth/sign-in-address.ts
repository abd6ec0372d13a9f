// Plain code, no Angular: shared by the app and the sign-in page (src/sign-in/), which is not part of the
// Angular app: it is plain HTML and a few kB of script, so a cheap phone shows and runs it at once (the
// app's framework alone is ~0.5 MB of script to evaluate). The app leaves for it with a full page load.

/** Where the sign-in page is served (the server answers it; the app's router hands it to the browser). */
export const SIGN_IN_PATH = '/login';

/** Why someone was sent to sign in, shown there once: the session ran out, or a staff idle sign-out. */
export type SignInNotice = 'expired' | 'idle';

/** Addresses that are not the app's pages: the API, metrics, the sign-in page's own files. */
const NOT_A_PAGE = /^\/(api|metrics|sign-in)(\/|\?|#|$)/;

/**
 * Only the app's own pages, so `?returnUrl=` cannot send anyone to another site, back to sign-in, or
 * to a raw API answer (the sign-in page loads it with a full page load).
 */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith(SIGN_IN_PATH)) return '/';
  return NOT_A_PAGE.test(value) ? '/' : value;
}

/** The sign-in page's address, with where to go back to and why (both optional). */
export function signInAddress(options: { returnUrl?: string | null; notice?: SignInNotice | null; username?: string | null } = {}): string {
  const query = new URLSearchParams();
  const back = safeReturnUrl(options.returnUrl);
  if (back !== '/') query.set('returnUrl', back);
  if (options.notice) query.set('notice', options.notice);
  if (options.username) query.set('username', options.username);
  const search = query.toString();
  return search ? `${SIGN_IN_PATH}?${search}` : SIGN_IN_PATH;
}
