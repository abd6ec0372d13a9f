// The session restore, started by main.ts before Angular is even evaluated. No Angular import here:
// this module must run first, and a cheap phone spends a second or more booting the framework before
// the app's own initializer could send the same request (see bench/README.md, "Lighthouse").

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

let pending: Promise<EarlyAnswer> | null = null;

/**
 * Sends the refresh now, under the same cross-tab lock and with the same JSON body as AuthStore's own
 * refresh would. Its answer waits for AuthStore to take it: exactly one request rotates the cookie.
 */
export function startEarlyRefresh(path: string): Promise<EarlyAnswer> {
  pending = withRefreshLock(async () => {
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
  return pending;
}

/** The early refresh's answer, once: the first caller takes it, later refreshes go to the server. */
export function takeEarlyRefresh(): Promise<EarlyAnswer> | null {
  const taken = pending;
  pending = null;
  return taken;
}
