import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CaseloadStore, DEFAULT_CASELOAD_QUERY, fromUrlParams, normaliseSearch, toApiQuery, toUrlParams } from './caseload-store';
import { traineesControllerExport } from '../../core/api/generated/fn/trainees/trainees-controller-export';
import { traineesControllerList } from '../../core/api/generated/fn/trainees/trainees-controller-list';

const page = (total: number, items: unknown[] = []) => ({ items, total, page: 1, pageSize: 20 });

describe('CaseloadStore', () => {
  let store: CaseloadStore;
  let httpMock: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [CaseloadStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(CaseloadStore);
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpMock.verify());

  /** The one open request's query, as the server receives it. */
  function lastQuery(): Record<string, string> {
    const req = httpMock.expectOne((r) => r.url === traineesControllerList.PATH);
    const params = Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k)!]));
    req.flush(page(95));
    return params;
  }

  it('asks for the active cases (not closed), soonest releases first, 20 a page, by default', () => {
    store.load();
    expect(lastQuery()).toEqual({ active: 'true', sort: 'expectedRelease', order: 'asc', page: '1', pageSize: '20' });
    expect(store.total()).toBe(95);
  });

  it('sends every filter under the server’s names and leaves empty ones out', () => {
    store.setFilters({ state: 'pre_release', releaseFrom: '2026-06-01', releaseTo: '2026-06-30', consent: 'none', q: '  李 ' });
    expect(lastQuery()).toEqual({
      state: 'pre_release',
      releaseFrom: '2026-06-01',
      releaseTo: '2026-06-30',
      jobMatchingConsent: 'none',
      q: '李',
      sort: 'expectedRelease',
      order: 'asc',
      page: '1',
      pageSize: '20',
    });
    store.setFilters({ state: 'all', releaseFrom: '', consent: null, q: '' });
    expect(lastQuery()).toEqual({ releaseTo: '2026-06-30', sort: 'expectedRelease', order: 'asc', page: '1', pageSize: '20' });
  });

  it('a search looks across every state, handed-over files too', () => {
    store.setFilters({ q: '李' });
    expect(lastQuery()['active']).toBeUndefined();
  });

  it('“all states” is kept in the address bar; the active default is not', () => {
    expect(toUrlParams({ ...DEFAULT_CASELOAD_QUERY, state: 'all' })).toEqual({ state: 'all' });
    expect(toUrlParams(DEFAULT_CASELOAD_QUERY)).toEqual({});
    expect(fromUrlParams({ state: 'all' }).state).toBe('all');
    expect(fromUrlParams({}).state).toBeNull();
  });

  it('tidies a whole identity number so the exact look-up finds it', () => {
    store.setFilters({ q: ' 1101 0519 4912 3100 2x ' });
    expect(lastQuery()['q']).toBe('11010519491231002X');
    expect(store.searchesIdentityNumber()).toBe(true);
    expect(normaliseSearch('李明')).toBe('李明');
  });

  it('pages forward, and starts again at page 1 when a filter, the sort or the page size changes', () => {
    store.load();
    lastQuery();
    store.setPage(3);
    expect(lastQuery()).toMatchObject({ page: '3', pageSize: '20' });
    store.setFilters({ consent: 'granted' });
    expect(lastQuery()).toMatchObject({ page: '1', jobMatchingConsent: 'granted' });
    store.setPage(2);
    lastQuery();
    store.setSort('name', 'desc');
    expect(lastQuery()).toMatchObject({ page: '1', sort: 'name', order: 'desc' });
    store.setPage(4);
    lastQuery();
    store.setPageSize(50);
    expect(lastQuery()).toMatchObject({ page: '1', pageSize: '50' });
  });

  it('goes one page forward by the server’s cursor, and jumps by page number', () => {
    const respond = (body: object) => {
      const req = httpMock.expectOne((r) => r.url === traineesControllerList.PATH);
      const params = Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k)!]));
      req.flush({ ...page(95), ...body });
      return params;
    };
    store.load();
    respond({ nextCursor: 'c1' });
    store.setPage(2);
    expect(respond({ page: 2, nextCursor: 'c2' })).toMatchObject({ page: '2', after: 'c1' });
    store.setPage(3);
    expect(respond({ page: 3, nextCursor: 'c3' })).toMatchObject({ page: '3', after: 'c2' });
    // A jump (or going back) has no cursor to go by.
    store.setPage(1);
    expect(respond({ page: 1, nextCursor: 'c1' })).not.toHaveProperty('after');
    store.setPage(4);
    expect(respond({ page: 4, nextCursor: 'c4' })).not.toHaveProperty('after');
    // A cursor belongs to its filters and sort: another query starts over by number.
    store.setSort('name', 'asc');
    expect(respond({ nextCursor: 'n1' })).not.toHaveProperty('after');
    store.setFilters({ state: 'admitted' });
    respond({ nextCursor: null });
    store.setPage(2);
    expect(respond({ page: 2 })).not.toHaveProperty('after');
  });

  it('shows a capped total as "10,000+" and keeps the next page open while there is a cursor', () => {
    store.load();
    httpMock
      .expectOne((r) => r.url === traineesControllerList.PATH)
      .flush({ items: [], total: 10_000, totalCapped: true, nextCursor: 'c', page: 500, pageSize: 20 });
    expect(store.totalLabel()).toBe('10,000+');
    expect(store.pagerTotal()).toBe(10_001);
    store.load();
    httpMock.expectOne((r) => r.url === traineesControllerList.PATH).flush({ ...page(95), totalCapped: false, nextCursor: 'c' });
    expect(store.totalLabel()).toBe(95);
    expect(store.pagerTotal()).toBe(95);
  });

  it('does not ask again for the page it shows', () => {
    store.load();
    lastQuery();
    store.setPage(1);
    store.setPageSize(20);
    httpMock.expectNone(traineesControllerList.PATH);
  });

  it('drops a slow answer once a newer query has been sent', () => {
    store.setFilters({ q: '李' });
    store.setFilters({ q: '王' });
    const [first, second] = httpMock.match((r) => r.url === traineesControllerList.PATH);
    expect(first!.cancelled).toBe(true);
    second!.flush(page(1, [{ id: 'w' }]));
    expect(store.items()).toEqual([{ id: 'w' }]);
  });

  it('keeps its rows while reloading and shows the error in place', () => {
    store.load();
    httpMock.expectOne((r) => r.url === traineesControllerList.PATH).flush(page(1, [{ id: 'a' }]));
    store.setPage(2);
    expect(store.loading()).toBe(true);
    expect(store.items()).toEqual([{ id: 'a' }]);
    httpMock
      .expectOne((r) => r.url === traineesControllerList.PATH)
      .flush({ statusCode: 500, code: 'INTERNAL', message: '出错了', messageEn: 'Oops' }, { status: 500, statusText: 'Error' });
    expect(store.error()?.code).toBe('INTERNAL');
    expect(store.items()).toEqual([{ id: 'a' }]);
  });

  it('resets the filters but keeps the sort and page size', () => {
    store.restore({ ...DEFAULT_CASELOAD_QUERY, state: 'admitted', sort: 'name', pageSize: 50, page: 3 });
    lastQuery();
    store.clearFilters();
    expect(lastQuery()).toEqual({ active: 'true', sort: 'name', order: 'asc', page: '1', pageSize: '50' });
    expect(store.hasFilters()).toBe(false);
  });

  it('exports what the filters match, not just this page', () => {
    store.setFilters({ state: 'released' });
    lastQuery();
    store.setPage(2);
    lastQuery();
    store.exportFile().subscribe();
    const req = httpMock.expectOne((r) => r.url === traineesControllerExport.PATH);
    expect(req.request.params.get('state')).toBe('released');
    expect(req.request.params.has('page')).toBe(false);
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['x']));
  });
});

describe('caseload address bar', () => {
  it('writes only what differs from the defaults, and never the search text', () => {
    expect(toUrlParams(DEFAULT_CASELOAD_QUERY)).toEqual({});
    expect(toUrlParams({ ...DEFAULT_CASELOAD_QUERY, state: 'pre_release', q: '11010519491231002X', page: 2, sort: 'name' })).toEqual({
      state: 'pre_release',
      page: '2',
      sort: 'name',
    });
  });

  it('reads a link back, ignoring anything malformed', () => {
    expect(fromUrlParams({ state: 'pre_release', consent: 'granted', releaseTo: '2026-07-01', page: '2' })).toEqual({
      ...DEFAULT_CASELOAD_QUERY,
      state: 'pre_release',
      consent: 'granted',
      releaseTo: '2026-07-01',
      page: 2,
    });
    expect(fromUrlParams({ state: 'escaped', sort: 'id; drop', page: '-1', pageSize: '7', releaseFrom: 'tomorrow' })).toEqual(
      DEFAULT_CASELOAD_QUERY,
    );
  });

  it('round-trips', () => {
    const q = { ...DEFAULT_CASELOAD_QUERY, state: 'community' as const, order: 'desc' as const, pageSize: 50, page: 3 };
    expect(fromUrlParams(toUrlParams(q))).toEqual(q);
    expect(toApiQuery(q, false)).not.toHaveProperty('page');
  });
});
