import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuditStore, NO_AUDIT_FILTERS } from './audit-store';
import { auditControllerSearch } from '../../core/api/generated/fn/audit/audit-controller-search';

const entry = (id: string) => ({ id, occurredAt: '2026-12-01T08:00:00.000Z', action: 'auth.login', result: 'success' });

describe('AuditStore', () => {
  let store: AuditStore;
  let httpMock: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [AuditStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(AuditStore);
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpMock.verify());

  /** Answers the one open request with `body` and returns the query it sent. */
  function answer(body: object): Record<string, string> {
    const req = httpMock.expectOne((r) => r.url === auditControllerSearch.PATH);
    const params = Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k)!]));
    req.flush(body);
    return params;
  }

  it('goes to the next page by its cursor, and jumps to any other page by number', () => {
    store.load();
    expect(answer({ items: [entry('3'), entry('2')], total: 40, page: 1, pageSize: 20, totalCapped: false, nextCursor: 'CUR1' })).toEqual({
      page: '1',
      pageSize: '20',
    });
    store.setPage(2);
    expect(answer({ items: [entry('1')], total: 40, page: 2, pageSize: 20, totalCapped: false, nextCursor: 'CUR2' })).toEqual({
      page: '2',
      pageSize: '20',
      after: 'CUR1',
    });
    store.setPage(1);
    expect(answer({ items: [entry('3')], total: 40, page: 1, pageSize: 20, nextCursor: 'CUR1' })).toEqual({ page: '1', pageSize: '20' });
    store.setPage(5);
    expect(answer({ items: [], total: 40, page: 5, pageSize: 20, nextCursor: null })).toEqual({ page: '5', pageSize: '20' });
  });

  it('starts again without a cursor when the filters change', () => {
    store.load();
    answer({ items: [entry('3')], total: 40, page: 1, pageSize: 20, nextCursor: 'CUR1' });
    store.setFilters({ ...NO_AUDIT_FILTERS, action: 'auth.' });
    expect(answer({ items: [], total: 0, page: 1, pageSize: 20, nextCursor: null })).toEqual({
      action: 'auth.',
      page: '1',
      pageSize: '20',
    });
  });

  it('shows a capped total as 10,000+ and an exact one as it is', () => {
    store.load();
    answer({ items: [entry('1')], total: 10_000, page: 1, pageSize: 20, totalCapped: true, nextCursor: 'C' });
    expect(store.totalText()).toBe('10,000+');
    expect(store.total()).toBe(10_000);
    store.load();
    answer({ items: [entry('1')], total: 37, page: 1, pageSize: 20, totalCapped: false, nextCursor: 'C' });
    expect(store.totalText()).toBe('37');
  });
});
