import type { WritableSignal } from '@angular/core';
import type { Observable, Subscription } from 'rxjs';
import { type ApiError, toApiError } from '../core/errors/api-error';

/** Data loaded from the API, with its loading and error states (what every page shows). */
export interface Remote<T> {
  readonly loading: boolean;
  readonly data: T | null;
  readonly error: ApiError | null;
}

export function idle<T>(): Remote<T> {
  return { loading: false, data: null, error: null };
}

/**
 * Loads `source` into `target`: keeps the previous data while reloading (tables do not flash empty)
 * and records the error for the page to show.
 */
export function loadInto<T>(target: WritableSignal<Remote<T>>, source: Observable<T>): Subscription {
  target.update((r) => ({ ...r, loading: true, error: null }));
  return source.subscribe({
    next: (data) => target.set({ loading: false, data, error: null }),
    error: (err: unknown) => target.update((r) => ({ ...r, loading: false, error: toApiError(err) })),
  });
}
