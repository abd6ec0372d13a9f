// Plain code, no Angular: shared by the app and the sign-in page (src/sign-in/), which is not part of the
// Angular app: it is plain HTML and a few kB of script, so a cheap phone shows and runs it at once (the
// app's framework alone is ~0.5 MB of script to evaluate). The app leaves for it with a full page load.

/** Where the sign-in page is served (the server answers it; the app's router hands it to the browser). */
export const SIGN_IN_PATH = '/login';

/** Why someone was sent to sign in, shown there once: the session ran out, or a staff idle sign-out. */
export type SignInNotice = 'expired' | 'idle';

/** Only same-site paths, so `?returnUrl=` cannot send anyone to another site. */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith(SIGN_IN_PATH)) return '/';
  return value;
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
