import { TRAINEE_STATES } from '../../core/api/api-types';
import type { TraineeState } from '../trainees-types';
import {
  CASELOAD_SORTS,
  type CaseloadQuery,
  type CaseloadSort,
  type ConsentFilter,
  type SortOrder,
  type StateFilter,
} from './caseload-store';

/**
 * A named set of caseload filters the counsellor saved ("保存当前筛选"). Only filter values are kept:
 * state, consent, sort and the release window. The search text is never saved — it may be a name or
 * an identity number, and this sits in the browser's storage on a possibly shared computer.
 */
export interface SavedFilter {
  readonly name: string;
  readonly state: StateFilter;
  readonly consent: ConsentFilter | null;
  readonly releaseFrom: string;
  readonly releaseTo: string;
  readonly sort: CaseloadSort;
  readonly order: SortOrder;
}

export const MAX_SAVED_FILTERS = 10;
export const MAX_FILTER_NAME = 30;
const PREFIX = 'jbh.caseload.savedFilters.';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One key per signed-in user id: two counsellors sharing a computer do not see each other's sets. */
export const savedFiltersKey = (userId: string): string => `${PREFIX}${userId}`;

/** The filter values of a query, named; `q`, page and page size are left out. */
export function toSavedFilter(name: string, q: CaseloadQuery): SavedFilter {
  return {
    name: name.trim().slice(0, MAX_FILTER_NAME),
    state: q.state,
    consent: q.consent,
    releaseFrom: q.releaseFrom,
    releaseTo: q.releaseTo,
    sort: q.sort,
    order: q.order,
  };
}

/** Reads one stored entry back, dropping anything malformed (an old or hand-edited value). */
function clean(raw: unknown): SavedFilter | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const name = typeof r['name'] === 'string' ? r['name'].trim().slice(0, MAX_FILTER_NAME) : '';
  if (!name) return null;
  const state = r['state'];
  const consent = r['consent'];
  const sort = r['sort'];
  const dateOf = (v: unknown): string => (typeof v === 'string' && DATE.test(v) ? v : '');
  return {
    name,
    state:
      state === 'all'
        ? 'all'
        : typeof state === 'string' && (TRAINEE_STATES as readonly string[]).includes(state)
          ? (state as TraineeState)
          : null,
    consent: consent === 'granted' || consent === 'none' ? consent : null,
    releaseFrom: dateOf(r['releaseFrom']),
    releaseTo: dateOf(r['releaseTo']),
    sort: typeof sort === 'string' && (CASELOAD_SORTS as readonly string[]).includes(sort) ? (sort as CaseloadSort) : 'expectedRelease',
    order: r['order'] === 'desc' ? 'desc' : 'asc',
  };
}

/** The user's saved sets, newest first; an unreadable store reads as none. */
export function readSavedFilters(storage: Pick<Storage, 'getItem'> | undefined, userId: string | null | undefined): SavedFilter[] {
  if (!storage || !userId) return [];
  try {
    const parsed: unknown = JSON.parse(storage.getItem(savedFiltersKey(userId)) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed
      .map(clean)
      .filter((f): f is SavedFilter => f !== null)
      .slice(0, MAX_SAVED_FILTERS);
  } catch {
    return [];
  }
}

function write(storage: Pick<Storage, 'setItem' | 'removeItem'>, userId: string, list: readonly SavedFilter[]): void {
  try {
    if (list.length === 0) storage.removeItem(savedFiltersKey(userId));
    else storage.setItem(savedFiltersKey(userId), JSON.stringify(list));
  } catch {
    // A full or blocked storage: the set simply is not remembered.
  }
}

/** Whether one more set may be saved under this name (a name already there is replaced, not added). */
export function canSaveFilter(list: readonly SavedFilter[], name: string): boolean {
  const trimmed = name.trim().slice(0, MAX_FILTER_NAME);
  return trimmed !== '' && (list.length < MAX_SAVED_FILTERS || list.some((f) => f.name === trimmed));
}

/**
 * Saves the query's filters under a name: the same name replaces the older set, a new one goes first.
 * Past ten sets nothing is added (the caller says so: one must be deleted first). Returns the list.
 */
export function saveFilter(storage: Storage | undefined, userId: string | null | undefined, name: string, q: CaseloadQuery): SavedFilter[] {
  const entry = toSavedFilter(name, q);
  const list = readSavedFilters(storage, userId);
  if (!storage || !userId || !canSaveFilter(list, entry.name)) return list;
  const next = [entry, ...list.filter((f) => f.name !== entry.name)];
  write(storage, userId, next);
  return next;
}

export function deleteFilter(storage: Storage | undefined, userId: string | null | undefined, name: string): SavedFilter[] {
  if (!storage || !userId) return [];
  const next = readSavedFilters(storage, userId).filter((f) => f.name !== name);
  write(storage, userId, next);
  return next;
}

/** The query a saved set stands for: its filters and sort, the current search and page size, page 1. */
export function applySavedFilter(f: SavedFilter, current: CaseloadQuery): CaseloadQuery {
  return {
    ...current,
    state: f.state,
    consent: f.consent,
    releaseFrom: f.releaseFrom,
    releaseTo: f.releaseTo,
    sort: f.sort,
    order: f.order,
    page: 1,
  };
}
