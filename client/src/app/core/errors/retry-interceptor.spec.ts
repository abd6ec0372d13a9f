import { HttpClient, HttpHeaders, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { retryInterceptor } from './retry-interceptor';

const unavailable = { status: 503, statusText: 'Service Unavailable', headers: new HttpHeaders({ 'Retry-After': '1' }) };
const body = { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: '请稍后再试。', messageEn: 'Try again shortly.' };

describe('retryInterceptor', () => {
  let http: HttpClient;
  let httpMock: HttpTestingController;

  beforeEach(() => {
    vi.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([retryInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    httpMock.verify();
    vi.useRealTimers();
  });

  it('retries a read after a 503, waiting as long as Retry-After asks', () => {
    let answer: unknown;
    http.get('/api/organisations').subscribe((r) => (answer = r));
    httpMock.expectOne('/api/organisations').flush(body, unavailable);
    vi.advanceTimersByTime(999);
    httpMock.expectNone('/api/organisations');
    vi.advanceTimersByTime(1);
    httpMock.expectOne('/api/organisations').flush({ items: [] });
    expect(answer).toEqual({ items: [] });
  });

  it('gives up after three retries and passes the 503 on', () => {
    let failure: { status?: number } | undefined;
    http.get('/api/organisations').subscribe({ error: (e: { status?: number }) => (failure = e) });
    for (let i = 0; i < 4; i++) {
      httpMock.expectOne('/api/organisations').flush(body, unavailable);
      vi.advanceTimersByTime(1000);
    }
    expect(failure?.status).toBe(503);
  });

  it('does not retry a request that is wrong (400) or a write without an idempotency key', () => {
    let errors = 0;
    http.get('/api/organisations').subscribe({ error: () => errors++ });
    httpMock.expectOne('/api/organisations').flush({}, { status: 400, statusText: 'Bad Request' });
    http.post('/api/orders', { title: 'x' }).subscribe({ error: () => errors++ });
    httpMock.expectOne('/api/orders').flush(body, unavailable);
    vi.advanceTimersByTime(5000);
    httpMock.expectNone('/api/orders');
    expect(errors).toBe(2);
  });

  it('retries a write that carries an Idempotency-Key (the server replays instead of acting twice)', () => {
    let answer: unknown;
    http.post('/api/orders', { title: 'x' }, { headers: { 'Idempotency-Key': 'k-12345678' } }).subscribe((r) => (answer = r));
    httpMock.expectOne('/api/orders').flush(body, unavailable);
    vi.advanceTimersByTime(1000);
    const again = httpMock.expectOne('/api/orders');
    expect(again.request.headers.get('Idempotency-Key')).toBe('k-12345678');
    again.flush({ id: 'o1' });
    expect(answer).toEqual({ id: 'o1' });
  });
});
