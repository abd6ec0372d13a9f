import type { CanActivateFn } from '@angular/router';
import { SESSION_HINT_KEY } from './auth/early-refresh';

/**
 * ng-zorro's styles, built from zorro-base.less and zorro-app.less as two non-injected stylesheets (see
 * angular.json) and loaded from here, so that index.html links only the app's own small styles.css and
 * its first paint (the mark) waits for nothing. Every page that uses ng-zorro waits for them through a
 * route guard. `base`: the core, buttons, inputs, forms, alerts, spinners and notices (all a public page
 * such as diploma verification needs); `app`: the components of the signed-in and registration pages.
 */
const SHEETS = { base: 'zorro-base.css', app: 'zorro-app.css' } as const;
type Sheet = keyof typeof SHEETS;
/** Per document (one in the app; a fresh one per test). */
const loading = new WeakMap<Document, Map<Sheet, Promise<void>>>();

/**
 * One stylesheet, added once. The base goes in front of the app's own styles.css, where index.html used
 * to link it, so styles.css still overrides ng-zorro's base rules of equal weight (body, links…); the
 * app's sheet goes last, as before. A failed load resolves too: the page then looks plain rather than not
 * appearing at all.
 */
function load(sheet: Sheet, doc: Document): Promise<void> {
  let sheets = loading.get(doc);
  if (!sheets) loading.set(doc, (sheets = new Map<Sheet, Promise<void>>()));
  let done = sheets.get(sheet);
  if (!done) {
    done = new Promise<void>((resolve) => {
      const link = doc.createElement('link');
      link.rel = 'stylesheet';
      link.href = SHEETS[sheet];
      link.addEventListener('load', () => resolve());
      link.addEventListener('error', () => resolve());
      const first = sheet === 'base' ? doc.head.querySelector('link[rel="stylesheet"], style') : null;
      if (first) doc.head.insertBefore(link, first);
      else doc.head.appendChild(link);
    });
    sheets.set(sheet, done);
  }
  return done;
}

/** The base styles only (public pages with a form: diploma verification). */
export function loadBaseStyles(doc: Document = document): Promise<void> {
  return load('base', doc);
}

/**
 * All of ng-zorro's styles the signed-in pages use. Called at start-up so the download runs in parallel
 * with the session restore instead of blocking first paint; routes that need it wait for it.
 */
export function loadAppStyles(doc: Document = document): Promise<void> {
  return Promise.all([load('base', doc), load('app', doc)]).then(() => undefined);
}

/**
 * Start-up: fetches the styles in parallel with the session restore. Diploma verification uses only the
 * base; any other page when there is a session to restore (the session hint) uses both. The sign-in page
 * never uses them, and nobody signed in on a cheap phone's first visit should pay 225 kB of CSS for a page
 * that only sends them to sign in: they get the styles from the route guards on the page that needs them.
 */
export function preloadAppStyles(doc: Document = document): void {
  let signedIn = true;
  try {
    signedIn = doc.defaultView?.localStorage.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    // Storage unavailable: the session restore is tried every time, so load as before.
  }
  const path = doc.location?.pathname ?? '/';
  if (/^\/verify(\/|$)/.test(path)) void loadBaseStyles(doc);
  else if (signedIn && !/^\/login(\/|$)/.test(path)) void loadAppStyles(doc);
}

/** Route guard: the page's components are styled before it shows. */
export const appStylesReady: CanActivateFn = () => loadAppStyles().then(() => true);

/** Route guard for the public pages that use only the base styles. */
export const baseStylesReady: CanActivateFn = () => loadBaseStyles().then(() => true);
