import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SessionDto } from '../api/api-types';
import { authInterceptor } from './auth-interceptor';
import { AUTH_URLS, AuthStore, SESSION_HINT_KEY } from './auth-store';
import { authControllerRefresh } from '../api/generated/fn/auth/auth-controller-refresh';
import { beginSessionRestore, startEarlyRefresh, takeEarlyRefresh } from './early-refresh';

const session: SessionDto = {
  accessToken: 'tok',
  expiresIn: 900,
  user: { id: 'u1', username: 'lim', displayName: '李明', role: 'trainee', organisationId: 'o1' },
};

const answer = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('the early session restore (boot.ts → AuthStore)', () => {
  let httpMock: HttpTestingController;
  let auth: AuthStore;
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    void takeEarlyRefresh();
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    localStorage.setItem(SESSION_HINT_KEY, '1');
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    httpMock = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
  });

  afterEach(() => {
    httpMock.verify();
    vi.unstubAllGlobals();
  });

  it('sends the refresh AuthStore would send, and AuthStore takes its answer instead of asking again', async () => {
    fetchMock.mockResolvedValue(answer(200, session));
    await startEarlyRefresh(AUTH_URLS.refresh);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe(AUTH_URLS.refresh);
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{}' });
    expect((init?.headers as Record<string, string> | undefined)?.['Content-Type']).toBe('application/json');

    await auth.restore();
    httpMock.expectNone(AUTH_URLS.refresh);
    expect(auth.role()).toBe('trainee');
    expect(auth.accessToken()).toBe('tok');
  });

  it('a refused early refresh signs out quietly, with no second try', async () => {
    fetchMock.mockResolvedValue(answer(401, { code: 'SESSION_EXPIRED' }));
    void startEarlyRefresh(AUTH_URLS.refresh);
    await auth.restore();
    httpMock.expectNone(AUTH_URLS.refresh);
    expect(auth.isAuthenticated()).toBe(false);
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBeNull();
  });

  it('no answer (network down) or a server away (503): asks again through the app, which keeps the session', async () => {
    for (const early of [() => Promise.reject(new TypeError('Failed to fetch')), () => Promise.resolve(answer(503, null))]) {
      fetchMock.mockImplementationOnce(early);
      void startEarlyRefresh(AUTH_URLS.refresh);
      const restored = auth.restore();
      await vi.waitFor(() => httpMock.expectOne(AUTH_URLS.refresh).flush(session));
      await restored;
      expect(auth.role()).toBe('trainee');
    }
  });

  it('is taken once: the next refresh goes to the server', async () => {
    fetchMock.mockResolvedValue(answer(200, session));
    void startEarlyRefresh(AUTH_URLS.refresh);
    await auth.restore();
    const again = new Promise<void>((resolve) => auth.refresh().subscribe({ complete: resolve }));
    httpMock.expectOne(AUTH_URLS.refresh).flush({ ...session, accessToken: 'tok2' });
    await again;
    expect(auth.accessToken()).toBe('tok2');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('is sent once, by whichever runs first: early-start.ts (its own bundle) or boot.ts', async () => {
    fetchMock.mockResolvedValue(answer(200, session));
    // The two bundles each hold a copy of the module; what they share is the global object.
    const first = beginSessionRestore();
    const second = beginSessionRestore();
    expect(first).not.toBeNull();
    expect(second).toBe(first);
    await first;
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]?.[0]).toBe(authControllerRefresh.PATH);
    await auth.restore();
    httpMock.expectNone(AUTH_URLS.refresh);
    expect(auth.role()).toBe('trainee');
  });

  it('nothing is sent by a browser that never signed in', () => {
    localStorage.removeItem(SESSION_HINT_KEY);
    // Not the home page, which it would leave for sign-in (a navigation the test page cannot make).
    history.replaceState(null, '', '/trainees');
    expect(beginSessionRestore()).toBeNull();
    history.replaceState(null, '', '/');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
