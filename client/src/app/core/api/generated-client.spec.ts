import { HttpContext, HttpResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ReportsApi } from '../../reports/reports-api';
import { TraineesApi } from '../../trainees/trainees-api';
import { AuthStore } from '../auth/auth-store';
import { authInterceptor } from '../auth/auth-interceptor';
import { SILENT_ERRORS } from '../errors/error-context';
import { FRESH_SUBMIT, idempotencyInterceptor, resetRecentSubmits } from '../http/idempotency-interceptor';
import { ApiClient } from './generated/api-client';
import { traineesControllerTransition } from './generated/fn/trainees/trainees-controller-transition';

/**
 * The *-api.ts classes call the functions generated from the OpenAPI document (scripts/api-generate.mjs):
 * the same HttpClient, so the interceptors still sign, key and retry them; same-origin '/api/…' URLs;
 * and the uploads and downloads that are not JSON still go out as multipart and come back as Blobs.
 */
describe('generated API client', () => {
  let httpMock: HttpTestingController;

  beforeEach(() => {
    resetRecentSubmits();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([idempotencyInterceptor, authInterceptor])),
        provideHttpClientTesting(),
        { provide: AuthStore, useValue: { accessToken: () => 'token-1', refresh: () => undefined } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpMock.verify());

  it('sends a JSON write to the same-origin /api path, through the interceptors, with the caller’s context', () => {
    let answer: unknown;
    TestBed.inject(TraineesApi)
      .transition('t/1', 'released', 'done')
      .subscribe((a) => (answer = a));
    const req = httpMock.expectOne((r) => r.url === '/api/trainees/t%2F1/transitions');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ to: 'released', reason: 'done' });
    expect(req.request.context.get(SILENT_ERRORS)).toBe(true);
    expect(req.request.headers.get('Authorization')).toBe('Bearer token-1');
    expect(req.request.headers.get('Idempotency-Key')).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    req.flush({ id: 't/1' });
    expect(answer).toEqual({ id: 't/1' });
  });

  it('passes any context through to the interceptors (FRESH_SUBMIT: a key of its own for each submit)', () => {
    const api = TestBed.inject(ApiClient);
    const keys: (string | null)[] = [];
    for (let i = 0; i < 2; i++) {
      api
        .invoke(traineesControllerTransition, { id: 'x', body: { to: 'closed', reason: 'r' } }, new HttpContext().set(FRESH_SUBMIT, true))
        .subscribe();
      const req = httpMock.expectOne('/api/trainees/x/transitions');
      expect(req.request.context.get(FRESH_SUBMIT)).toBe(true);
      keys.push(req.request.headers.get('Idempotency-Key'));
      req.flush({});
    }
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('leaves out empty filters and sends the rest as query parameters', () => {
    TestBed.inject(TraineesApi).list({ q: '', state: null, releaseFrom: undefined, sort: 'name', page: 2, pageSize: 20 }).subscribe();
    const req = httpMock.expectOne((r) => r.url === '/api/trainees');
    expect(req.request.params.keys().sort()).toEqual(['page', 'pageSize', 'sort']);
    expect(req.request.params.get('page')).toBe('2');
    req.flush({ items: [], total: 0, page: 2, pageSize: 20 });
  });

  it('uploads the roster as multipart form data with the file under its own name, and no idempotency key', () => {
    const file = new File(['xlsx'], '名单.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    let report: unknown;
    TestBed.inject(TraineesApi)
      .importRoster(file, true)
      .subscribe((r) => (report = r));
    const req = httpMock.expectOne((r) => r.url === '/api/trainees/import');
    expect(req.request.method).toBe('POST');
    expect(req.request.params.get('dryRun')).toBe('true');
    expect(req.request.body).toBeInstanceOf(FormData);
    const part = (req.request.body as FormData).get('file');
    expect(part).toBeInstanceOf(File);
    expect((part as File).name).toBe('名单.xlsx');
    // The browser writes the multipart Content-Type with its boundary: nothing may set it by hand.
    expect(req.request.headers.has('Content-Type')).toBe(false);
    expect(req.request.headers.has('Idempotency-Key')).toBe(false);
    req.flush({ rows: 1, problems: [] });
    expect(report).toEqual({ rows: 1, problems: [] });
  });

  it('downloads a workbook as a Blob with its headers (the file name comes from Content-Disposition)', () => {
    let response: HttpResponse<Blob> | undefined;
    TestBed.inject(TraineesApi)
      .exportFile({ page: 1, pageSize: 20 })
      .subscribe((r) => (response = r));
    const req = httpMock.expectOne((r) => r.url === '/api/trainees/export');
    expect(req.request.responseType).toBe('blob');
    const blob = new Blob(['xlsx']);
    req.flush(blob, { headers: { 'Content-Disposition': 'attachment; filename="trainees.xlsx"' } });
    expect(response?.body).toBe(blob);
    expect(response?.headers.get('Content-Disposition')).toContain('trainees.xlsx');
  });

  it('downloads the outcomes workbook as a Blob body', () => {
    let body: Blob | undefined;
    TestBed.inject(ReportsApi)
      .workbook({ cohort: 'release', groupBy: 'none', from: '2026-01-01', to: '2026-03-31' } as never)
      .subscribe((b) => (body = b));
    const req = httpMock.expectOne((r) => r.url === '/api/reports/outcomes.xlsx');
    expect(req.request.responseType).toBe('blob');
    const blob = new Blob(['xlsx']);
    req.flush(blob);
    expect(body).toBe(blob);
  });
});
