import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';

/** `core/auth/auth-store.ts` SESSION_HINT_KEY (not imported: this runs before anything else). */
const SESSION_HINT_KEY = 'jbh.signedIn';

/**
 * Starts downloading the code of the first page now, in parallel with the start-up (bootstrap, the
 * session restore) instead of after it: on a cheap phone on a slow network each lazy step waits a
 * round trip. Only what the first screen will certainly need: the login page for a visitor without a
 * session, the signed-in frame and the home for a session. The router loads the same chunks later
 * (a second import of a module is free). Nothing about the person is read or stored here.
 */
function preloadFirstPage(): void {
  let signedIn = false;
  try {
    signedIn = globalThis.localStorage?.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    // Storage unavailable: the router loads the page as usual.
  }
  const path = globalThis.location?.pathname ?? '/';
  const ignore = (): undefined => undefined;
  if (/^\/login(\/|$)/.test(path) || (!signedIn && path === '/')) {
    void import('./app/login/login').catch(ignore);
  } else if (signedIn && !/^\/(activate|register|verify)(\/|$)/.test(path)) {
    void import('./app/shell/shell').catch(ignore);
    if (path === '/') void import('./app/home/home').catch(ignore);
  }
}

preloadFirstPage();
bootstrapApplication(App, appConfig).catch((err: unknown) => console.error(err));
