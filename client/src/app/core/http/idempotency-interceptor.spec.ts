import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { myPlanControllerDone } from '../api/generated/fn/plans/my-plan-controller-done';
import { myPlanControllerUndone } from '../api/generated/fn/plans/my-plan-controller-undone';
import { SAME_SUBMIT_WINDOW_MS, idempotencyInterceptor, resetRecentSubmits } from './idempotency-interceptor';

describe('idempotencyInterceptor', () => {
  let http: HttpClient;
  let httpMock: HttpTestingController;

  beforeEach(() => {
    resetRecentSubmits();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T08:00:00Z'));
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([idempotencyInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    httpMock.verify();
    vi.useRealTimers();
  });

  /** Sends a request and returns the key it carried (null when none). */
  function keyOf(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET', url: string, body: unknown = null): string | null {
    http.request(method, url, { body }).subscribe();
    const req = httpMock.expectOne(url);
    const key = req.request.headers.get('Idempotency-Key');
    req.flush({});
    return key;
  }

  it('adds a valid key to every write to the API', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const key = keyOf(method, `/api/orders/${method.toLowerCase()}`, { n: 1 });
      expect(key).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    }
  });

  it('gives a double-click (same method, URL and body within the window) the same key', () => {
    const body = { title: '面点师', headcount: 4 };
    const first = keyOf('POST', '/api/orders', body);
    vi.setSystemTime(Date.now() + 300);
    const second = keyOf('POST', '/api/orders', { ...body });
    expect(second).toBe(first);
  });

  it('treats the same body with its fields in another order as the same submit', () => {
    const first = keyOf('POST', '/api/orders', { title: '面点师', headcount: 4 });
    const second = keyOf('POST', '/api/orders', { headcount: 4, title: '面点师' });
    expect(second).toBe(first);
  });

  it('gives a new key to another body, another URL or another method', () => {
    const base = keyOf('POST', '/api/orders', { title: 'a' });
    expect(keyOf('POST', '/api/orders', { title: 'b' })).not.toBe(base);
    expect(keyOf('POST', '/api/fairs', { title: 'a' })).not.toBe(base);
    expect(keyOf('PUT', '/api/orders', { title: 'a' })).not.toBe(base);
  });

  it('gives a repeat a new key once another write came in between (tick, untick, tick again)', () => {
    const done = myPlanControllerDone.PATH.replace('{actionId}', 'a1');
    const undone = myPlanControllerUndone.PATH.replace('{actionId}', 'a1');
    const tick = keyOf('POST', done);
    const untick = keyOf('POST', undone);
    vi.setSystemTime(Date.now() + 1_000);
    const again = keyOf('POST', done);
    expect(untick).not.toBe(tick);
    expect(again).not.toBe(tick);
    // A double-click on the last one is still one submit.
    expect(keyOf('POST', done)).toBe(again);
  });

  it('gives an identical submit after the window a new key (a deliberate second order)', () => {
    const first = keyOf('POST', '/api/orders', { title: 'a' });
    vi.setSystemTime(Date.now() + SAME_SUBMIT_WINDOW_MS + 1);
    expect(keyOf('POST', '/api/orders', { title: 'a' })).not.toBe(first);
  });

  it('keeps the key through a retry of the same request (the auth interceptor resends the clone)', () => {
    let seen: string | null = null;
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(
          withInterceptors([
            idempotencyInterceptor,
            // Stands in for the auth interceptor: it sees the keyed request and may send it again.
            (req, next) => {
              seen = req.headers.get('Idempotency-Key');
              return next(req);
            },
          ]),
        ),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(HttpClient).post('/api/orders', { title: 'a' }).subscribe();
    const req = TestBed.inject(HttpTestingController).expectOne('/api/orders');
    expect(req.request.headers.get('Idempotency-Key')).toBe(seen);
    req.flush({});
    httpMock = TestBed.inject(HttpTestingController);
  });

  it('leaves reads, the session routes, other origins and file uploads alone', () => {
    expect(keyOf('GET', '/api/orders')).toBeNull();
    expect(keyOf('POST', '/api/auth/login', { username: 'a', password: 'b' })).toBeNull();
    expect(keyOf('POST', '/api/auth/refresh')).toBeNull();
    expect(keyOf('POST', '/api/auth/logout')).toBeNull();
    expect(keyOf('POST', 'https://example.org/api/x', { a: 1 })).toBeNull();
    const form = new FormData();
    form.append('file', new Blob(['x']), 'roster.xlsx');
    expect(keyOf('POST', '/api/trainees/import', form)).toBeNull();
  });

  it('keeps a key the caller set itself', () => {
    http.post('/api/orders', { a: 1 }, { headers: { 'Idempotency-Key': 'caller-chosen-key' } }).subscribe();
    const req = httpMock.expectOne('/api/orders');
    expect(req.request.headers.get('Idempotency-Key')).toBe('caller-chosen-key');
    req.flush({});
  });

  it('keys a submit without a body too (e.g. opening an order twice)', () => {
    const first = keyOf('POST', '/api/orders/1/open');
    expect(first).not.toBeNull();
    expect(keyOf('POST', '/api/orders/1/open')).toBe(first);
  });
});
