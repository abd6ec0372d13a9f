import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { MockInstance } from 'vitest';
import type { SessionDto } from '../api/api-types';
import { authInterceptor } from './auth-interceptor';
import { AuthStore } from './auth-store';

const session = (token: string): SessionDto => ({
  accessToken: token,
  expiresIn: 900,
  user: { id: 'u1', username: 'counsellor', displayName: '陈指导员', role: 'counsellor', organisationId: 'o1' },
});

const unauthorised = { status: 401, statusText: 'Unauthorized' };
const unauthenticatedBody = { statusCode: 401, code: 'UNAUTHENTICATED', message: '请先登录。', messageEn: 'Please sign in.' };

/** Lets promise-based steps (the refresh runs inside a lock callback) settle. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('authInterceptor', () => {
  let http: HttpClient;
  let httpMock: HttpTestingController;
  let auth: AuthStore;
  let navigate: MockInstance<Router['navigateByUrl']>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    httpMock = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
    navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => httpMock.verify());

  async function signIn(token = 'token-1'): Promise<void> {
    const done = new Promise<void>((resolve) => auth.login({ username: 'counsellor', password: 'Demo#2026' }).subscribe(() => resolve()));
    httpMock.expectOne('/api/auth/login').flush(session(token));
    await done;
  }

  it('adds the bearer token to API calls', async () => {
    await signIn('token-1');
    http.get('/api/organisations').subscribe();
    const req = httpMock.expectOne('/api/organisations');
    expect(req.request.headers.get('Authorization')).toBe('Bearer token-1');
    req.flush({ items: [], total: 0, page: 1, pageSize: 20 });
  });

  it('sends no token to the session endpoints and to other origins', async () => {
    await signIn();
    http.post('/api/auth/logout', null).subscribe();
    expect(httpMock.expectOne('/api/auth/logout').request.headers.has('Authorization')).toBe(false);
    http.get('https://example.org/x').subscribe();
    expect(httpMock.expectOne('https://example.org/x').request.headers.has('Authorization')).toBe(false);
  });

  it('keeps the access token in memory only', async () => {
    await signIn('secret-token');
    const stored = Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k) ?? ''}`);
    expect(stored.some((v) => v.includes('secret-token'))).toBe(false);
    expect(Object.keys(sessionStorage)).toHaveLength(0);
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    await signIn('old');
    let result: unknown;
    http.get('/api/trainees/caseload-summary').subscribe((r) => (result = r));

    httpMock.expectOne('/api/trainees/caseload-summary').flush(unauthenticatedBody, unauthorised);
    const refresh = httpMock.expectOne('/api/auth/refresh');
    expect(refresh.request.method).toBe('POST');
    expect(refresh.request.headers.has('Authorization')).toBe(false);
    refresh.flush(session('new'));
    await settle();

    const retry = httpMock.expectOne('/api/trainees/caseload-summary');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new');
    retry.flush({ total: 3 });
    expect(result).toEqual({ total: 3 });
    expect(auth.accessToken()).toBe('new');
  });

  it('shares one refresh between concurrent 401s', async () => {
    await signIn('old');
    const results: unknown[] = [];
    http.get('/api/a').subscribe((r) => results.push(r));
    http.get('/api/b').subscribe((r) => results.push(r));
    http.get('/api/c').subscribe((r) => results.push(r));

    for (const url of ['/api/a', '/api/b', '/api/c']) httpMock.expectOne(url).flush(unauthenticatedBody, unauthorised);
    const refreshes = httpMock.match('/api/auth/refresh');
    expect(refreshes).toHaveLength(1);
    refreshes[0]!.flush(session('new'));
    await settle();

    for (const url of ['/api/a', '/api/b', '/api/c']) {
      const retry = httpMock.expectOne(url);
      expect(retry.request.headers.get('Authorization')).toBe('Bearer new');
      retry.flush(url);
    }
    expect(results.sort()).toEqual(['/api/a', '/api/b', '/api/c']);
  });

  it('does not refresh again for a 401 that answers a request sent before the last refresh', async () => {
    await signIn('old');
    http.get('/api/slow').subscribe();
    http.get('/api/fast').subscribe();
    const slow = httpMock.expectOne('/api/slow');
    httpMock.expectOne('/api/fast').flush(unauthenticatedBody, unauthorised);
    httpMock.expectOne('/api/auth/refresh').flush(session('new'));
    await settle();
    httpMock.expectOne('/api/fast').flush({});

    slow.flush(unauthenticatedBody, unauthorised);
    httpMock.expectNone('/api/auth/refresh');
    const retry = httpMock.expectOne('/api/slow');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new');
    retry.flush({});
  });

  it('ends the session and sends the user to sign in when the refresh is refused', async () => {
    await signIn('old');
    let failure: unknown;
    http.get('/api/organisations').subscribe({ error: (e: unknown) => (failure = e) });

    httpMock.expectOne('/api/organisations').flush(unauthenticatedBody, unauthorised);
    httpMock
      .expectOne('/api/auth/refresh')
      .flush({ statusCode: 401, code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录。', messageEn: 'Session ended' }, unauthorised);
    await settle();

    expect(failure).toBeTruthy();
    expect(auth.isAuthenticated()).toBe(false);
    expect(auth.accessToken()).toBeNull();
    // To the sign-in page, which says why (`notice=expired`); the page the user was on is `/`.
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate.mock.calls[0]?.[0]).toBe('/login?notice=expired');
    httpMock.expectNone('/api/organisations');
  });

  it('keeps the session when the refresh is not answered (database blip: 503), and shows that error', async () => {
    await signIn('old');
    let failure: unknown;
    http.get('/api/organisations').subscribe({ error: (e: unknown) => (failure = e) });

    httpMock.expectOne('/api/organisations').flush(unauthenticatedBody, unauthorised);
    httpMock
      .expectOne('/api/auth/refresh')
      .flush(
        { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: '系统暂时无法访问数据，请稍后再试。', messageEn: 'Try again shortly' },
        { status: 503, statusText: 'Service Unavailable' },
      );
    await settle();

    expect((failure as { status?: number }).status).toBe(503);
    expect(auth.isAuthenticated()).toBe(true);
    expect(navigate).not.toHaveBeenCalled();
    expect(globalThis.localStorage.getItem('jbh.signedIn')).toBe('1');
  });

  it('passes other errors through without refreshing', async () => {
    await signIn();
    let status = 0;
    http.get('/api/users').subscribe({ error: (e: { status: number }) => (status = e.status) });
    httpMock.expectOne('/api/users').flush({ code: 'FORBIDDEN_ROLE' }, { status: 403, statusText: 'Forbidden' });
    httpMock.expectNone('/api/auth/refresh');
    expect(status).toBe(403);
    expect(auth.isAuthenticated()).toBe(true);
  });
});
