/**
 * When code the first page does not need may be fetched: a few seconds after start-up, at an idle
 * moment, and online. Idle comes early (while the first page waits for its data), and on a phone's few
 * connections anything fetched then queues in front of the first page's own requests; the next tap
 * comes seconds later anyway. Used by the role's section preloading (app.config.ts) and by the dialogs
 * fetched ahead of need (the idle warning, the unsent-visits question).
 */
export const AFTER_START_UP_MS = 4000;

/** Waits until the browser is idle, at most `ms`. */
export const idle = (ms: number): Promise<void> =>
  new Promise((resolve) =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: ms }) : setTimeout(resolve, ms),
  );

/** Resolves at once when the browser is online, else when it comes back (a station visit typed offline). */
export const online = (): Promise<void> =>
  navigator.onLine === false ? new Promise((resolve) => addEventListener('online', () => resolve(), { once: true })) : Promise.resolve();

/** `AFTER_START_UP_MS` from the page's navigation start (`performance.now()` counts from there). */
export const afterStartUp = (): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, AFTER_START_UP_MS - performance.now())));

/** After start-up, online, at an idle moment (at most 3 s after the others). */
export const whenSettled = (): Promise<void> =>
  afterStartUp()
    .then(online)
    .then(() => idle(3000));

/** Save-Data, or a 2G connection: code fetched ahead of need (a guess) would cost the person money or time. */
export function slowConnection(): boolean {
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean; effectiveType?: string } }).connection;
  return !!connection && (connection.saveData === true || /(^|-)2g$/.test(connection.effectiveType ?? ''));
}
