import type { CanActivateFn } from '@angular/router';
import { SESSION_HINT_KEY } from './auth/early-refresh';

/** Built from zorro-app.less as its own, non-injected stylesheet (see angular.json). */
const APP_STYLES_HREF = 'zorro-app.css';
let loading: Promise<void> | undefined;

/**
 * Loads the component styles of the signed-in pages. Called at start-up so the download runs in
 * parallel with the session restore instead of blocking first paint; routes that need it wait for it.
 * A failed load resolves too: the page then looks plain rather than not appearing at all.
 */
export function loadAppStyles(doc: Document = document): Promise<void> {
  loading ??= new Promise<void>((resolve) => {
    const link = doc.createElement('link');
    link.rel = 'stylesheet';
    link.href = APP_STYLES_HREF;
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => resolve());
    doc.head.appendChild(link);
  });
  return loading;
}

/** Pages that never use these styles, or whose visit shows the login page first. */
const NOT_NEEDED_AT_START = /^\/(login|verify)(\/|$)/;

/**
 * Start-up: fetches the styles in parallel with the session restore when there is a session to
 * restore (the session hint) and the page is not the login page, which never uses them (225 kB of CSS
 * on a cheap phone's first visit). Anyone else gets them from `appStylesReady` on the page that needs
 * them, or from the login page once the password is sent.
 */
export function preloadAppStyles(doc: Document = document): void {
  let signedIn = true;
  try {
    signedIn = doc.defaultView?.localStorage.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    // Storage unavailable: the session restore is tried every time, so load as before.
  }
  if (signedIn && !NOT_NEEDED_AT_START.test(doc.location?.pathname ?? '/')) void loadAppStyles(doc);
}

/** Route guard: the page's components are styled before it shows. */
export const appStylesReady: CanActivateFn = () => loadAppStyles().then(() => true);
