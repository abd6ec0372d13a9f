// The session restore, sent before the app's code has even arrived (early-start.ts; boot.ts when that did
// not run). No Angular import here: a cheap phone spends a second or more downloading and booting the
// framework before the app's own initializer could send the same request (see bench/README.md, "Lighthouse").
// The generated paths, not the generated functions: those would bring Angular's HTTP client into early-start.ts.
import { authControllerRefreshPath } from '../api/generated/paths';
import { SIGN_IN_PATH } from './sign-in-address';

/**
 * "This browser signed in before": not a token, just a flag so visitors who never signed in do not
 * send a refresh that can only fail (and log a 401 in the console) on every page load.
 */
export const SESSION_HINT_KEY = 'jbh.signedIn';

export function setSessionHint(on: boolean): void {
  try {
    if (on) globalThis.localStorage?.setItem(SESSION_HINT_KEY, '1');
    else globalThis.localStorage?.removeItem(SESSION_HINT_KEY);
  } catch {
    // Storage unavailable: restore will simply try every time.
  }
}

export function hasSessionHint(): boolean {
  try {
    return globalThis.localStorage?.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    return true;
  }
}

/** Serialises refreshes across tabs: two tabs rotating one refresh cookie at once would look like token theft. */
export function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return work();
  return new Promise<T>((resolve, reject) => {
    void locks.request('jbh.auth.refresh', () => work().then(resolve, reject));
  });
}

/** What the early refresh got back: the status, and the body when it was JSON. `status` 0: no answer. */
export interface EarlyAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * The refresh under way, kept on the page's global object: it is started by early-start.ts, a bundle of its
 * own that runs before the app's code has even downloaded, and taken by AuthStore in the app's bundle. Each
 * bundle has its own copy of this module, so a module variable would not be shared.
 */
const PENDING = Symbol.for('jbh.earlyRefresh');
type WithPending = typeof globalThis & { [PENDING]?: Promise<EarlyAnswer> | null };
const holder = globalThis as WithPending;

/**
 * Sends the refresh now, under the same cross-tab lock and with the same JSON body as AuthStore's own
 * refresh would. Its answer waits for AuthStore to take it: exactly one request rotates the cookie.
 */
export function startEarlyRefresh(path: string = authControllerRefreshPath): Promise<EarlyAnswer> {
  const pending = withRefreshLock(async () => {
    try {
      const res = await fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: '{}',
      });
      const body: unknown = await res.json().catch(() => null);
      return { status: res.status, body };
    } catch {
      return { status: 0, body: null };
    }
  });
  holder[PENDING] = pending;
  return pending;
}

/** The refresh early-start.ts already sent, when it did (a production build), not yet taken. */
export function earlyRefreshUnderWay(): Promise<EarlyAnswer> | null {
  return holder[PENDING] ?? null;
}

/** The early refresh's answer, once: the first caller takes it, later refreshes go to the server. */
export function takeEarlyRefresh(): Promise<EarlyAnswer> | null {
  const taken = earlyRefreshUnderWay();
  holder[PENDING] = null;
  return taken;
}

/**
 * What runs before the app (early-start.ts, else boot.ts): a visitor who never signed in on this browser is
 * sent from the home page straight to sign-in (the app would only send them there, after its start — on a
 * cheap phone a second or two of nothing); anyone who did has their session restore sent, once. Returns the
 * restore under way, or null: leaving, nobody signed in, or no fetch.
 */
export function beginSessionRestore(): Promise<EarlyAnswer> | null {
  if (!hasSessionHint()) {
    if (globalThis.location?.pathname === '/') globalThis.location.replace(SIGN_IN_PATH);
    return null;
  }
  if (typeof fetch !== 'function') return null;
  return earlyRefreshUnderWay() ?? startEarlyRefresh();
}
