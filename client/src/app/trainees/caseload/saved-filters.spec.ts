import { type CaseloadQuery, DEFAULT_CASELOAD_QUERY } from './caseload-store';
import {
  MAX_SAVED_FILTERS,
  applySavedFilter,
  canSaveFilter,
  deleteFilter,
  readSavedFilters,
  saveFilter,
  savedFiltersKey,
} from './saved-filters';

/** An in-memory Storage, so each test starts empty and can read what was written. */
class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  key(i: number): string | null {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
}

const query = (patch: Partial<CaseloadQuery> = {}): CaseloadQuery => ({ ...DEFAULT_CASELOAD_QUERY, ...patch });

describe('caseload saved filters', () => {
  let storage: MemoryStorage;

  beforeEach(() => (storage = new MemoryStorage()));

  it('stores only filter values, never the search text, the page or the page size', () => {
    const q = query({
      state: 'released',
      consent: 'granted',
      releaseFrom: '2026-01-01',
      releaseTo: '2026-03-31',
      sort: 'name',
      order: 'desc',
      q: '张三 110101199001011234',
      page: 4,
      pageSize: 50,
    });
    const list = saveFilter(storage, 'u1', '  即将出所  ', q);
    expect(list).toEqual([
      {
        name: '即将出所',
        state: 'released',
        consent: 'granted',
        releaseFrom: '2026-01-01',
        releaseTo: '2026-03-31',
        sort: 'name',
        order: 'desc',
      },
    ]);
    const raw = storage.getItem(savedFiltersKey('u1'))!;
    expect(raw).not.toContain('张三');
    expect(raw).not.toContain('110101');
    expect(raw).not.toMatch(/"q"|page/);
  });

  it('keeps each user’s sets apart', () => {
    saveFilter(storage, 'u1', 'A', query({ state: 'released' }));
    saveFilter(storage, 'u2', 'B', query({ consent: 'none' }));
    expect(readSavedFilters(storage, 'u1').map((f) => f.name)).toEqual(['A']);
    expect(readSavedFilters(storage, 'u2').map((f) => f.name)).toEqual(['B']);
    expect(readSavedFilters(storage, null)).toEqual([]);
    expect(saveFilter(storage, null, 'C', query())).toEqual([]);
  });

  it('replaces a set saved under the same name and puts the newest first', () => {
    saveFilter(storage, 'u1', 'A', query({ state: 'released' }));
    saveFilter(storage, 'u1', 'B', query());
    const list = saveFilter(storage, 'u1', 'A', query({ state: 'all' }));
    expect(list.map((f) => [f.name, f.state])).toEqual([
      ['A', 'all'],
      ['B', null],
    ]);
  });

  it('keeps at most ten sets: an eleventh name is refused, an existing name is still replaced', () => {
    for (let i = 1; i <= MAX_SAVED_FILTERS; i++) saveFilter(storage, 'u1', `F${i}`, query());
    const full = readSavedFilters(storage, 'u1');
    expect(full).toHaveLength(MAX_SAVED_FILTERS);
    expect(canSaveFilter(full, 'F11')).toBe(false);
    expect(saveFilter(storage, 'u1', 'F11', query())).toHaveLength(MAX_SAVED_FILTERS);
    expect(readSavedFilters(storage, 'u1').some((f) => f.name === 'F11')).toBe(false);
    expect(canSaveFilter(full, 'F3')).toBe(true);
    expect(saveFilter(storage, 'u1', 'F3', query({ consent: 'none' }))[0]).toEqual(
      expect.objectContaining({ name: 'F3', consent: 'none' }),
    );
    expect(canSaveFilter([], '   ')).toBe(false);
  });

  it('deletes a set, and removes the key when none is left', () => {
    saveFilter(storage, 'u1', 'A', query());
    saveFilter(storage, 'u1', 'B', query());
    expect(deleteFilter(storage, 'u1', 'A').map((f) => f.name)).toEqual(['B']);
    deleteFilter(storage, 'u1', 'B');
    expect(storage.getItem(savedFiltersKey('u1'))).toBeNull();
  });

  it('applies a set over the current query: its filters and sort, the typed search and page size kept, page 1', () => {
    const [saved] = saveFilter(
      storage,
      'u1',
      'A',
      query({ state: 'released', consent: 'granted', releaseFrom: '2026-01-01', sort: 'admitted', order: 'desc' }),
    );
    const current = query({ q: '李', page: 3, pageSize: 50, consent: 'none', releaseTo: '2027-01-01' });
    expect(applySavedFilter(saved!, current)).toEqual({
      state: 'released',
      consent: 'granted',
      releaseFrom: '2026-01-01',
      releaseTo: '',
      q: '李',
      sort: 'admitted',
      order: 'desc',
      page: 1,
      pageSize: 50,
    });
  });

  it('reads a damaged or hand-edited store as safely as it can', () => {
    storage.setItem(savedFiltersKey('u1'), 'not json');
    expect(readSavedFilters(storage, 'u1')).toEqual([]);
    storage.setItem(
      savedFiltersKey('u1'),
      JSON.stringify([
        { name: 'X', state: 'bogus', consent: 'maybe', releaseFrom: 'soon', sort: 'age', order: 'up', q: '张三' },
        { state: 'all' },
      ]),
    );
    expect(readSavedFilters(storage, 'u1')).toEqual([
      { name: 'X', state: null, consent: null, releaseFrom: '', releaseTo: '', sort: 'expectedRelease', order: 'asc' },
    ]);
  });
});
