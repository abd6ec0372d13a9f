import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { SessionDto } from '../api/api-types';
import { authInterceptor } from './auth-interceptor';
import { AuthStore, SESSION_HINT_KEY } from './auth-store';
import { safeReturnUrl } from './auth-guards';
import { signInAddress } from './sign-in-address';

const session: SessionDto = {
  accessToken: 'tok',
  expiresIn: 900,
  user: { id: 'u1', username: 'admin', displayName: '省局管理员', role: 'admin', organisationId: 'o1' },
};

describe('AuthStore', () => {
  let httpMock: HttpTestingController;
  let auth: AuthStore;
  let router: Router;

  beforeEach(() => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    httpMock = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
    router = TestBed.inject(Router);
  });

  afterEach(() => httpMock.verify());

  it('restores a session from the refresh cookie at start-up', async () => {
    const restored = auth.restore();
    httpMock.expectOne('/api/auth/refresh').flush(session);
    await restored;
    expect(auth.user()?.username).toBe('admin');
    expect(auth.role()).toBe('admin');
    expect(auth.hasRole('admin', 'counsellor')).toBe(true);
  });

  it('starts signed out, quietly, when there is no session to restore', async () => {
    const restored = auth.restore();
    httpMock.expectOne('/api/auth/refresh').flush({ code: 'SESSION_EXPIRED' }, { status: 401, statusText: 'Unauthorized' });
    await restored;
    expect(auth.isAuthenticated()).toBe(false);
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBeNull();
  });

  it('does not try to restore in a browser that never signed in', async () => {
    localStorage.removeItem(SESSION_HINT_KEY);
    await auth.restore();
    httpMock.expectNone('/api/auth/refresh');
    expect(auth.isAuthenticated()).toBe(false);
  });

  it('logs out on the server and forgets the session', async () => {
    const navigate = vi.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    const restored = auth.restore();
    httpMock.expectOne('/api/auth/refresh').flush(session);
    await restored;

    auth.logout();
    // The sign-in page is a full page load, which would cancel the request: nothing moves before the answer.
    const request = httpMock.expectOne('/api/auth/logout');
    expect(navigate).not.toHaveBeenCalled();
    request.flush(null, { status: 204, statusText: 'No Content' });
    expect(auth.isAuthenticated()).toBe(false);
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('after an idle sign-out the sign-in page is told why; a failed sign-out still leaves', async () => {
    const navigate = vi.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    const restored = auth.restore();
    httpMock.expectOne('/api/auth/refresh').flush(session);
    await restored;

    auth.logout('idle');
    httpMock.expectOne('/api/auth/logout').flush({ code: 'SERVICE_UNAVAILABLE' }, { status: 503, statusText: 'Service Unavailable' });
    expect(auth.isAuthenticated()).toBe(false);
    expect(navigate).toHaveBeenCalledWith('/login?notice=idle');
  });

  it('builds the sign-in address with same-site return URLs only', () => {
    expect(signInAddress()).toBe('/login');
    expect(signInAddress({ returnUrl: '/trainees?q=1', notice: 'expired' })).toBe('/login?returnUrl=%2Ftrainees%3Fq%3D1&notice=expired');
    expect(signInAddress({ returnUrl: 'https://evil.example', username: 'yun.release1' })).toBe('/login?username=yun.release1');
  });

  it('only follows same-site return URLs', () => {
    expect(safeReturnUrl('/admin/users?page=2')).toBe('/admin/users?page=2');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('/login?returnUrl=/x')).toBe('/');
    expect(safeReturnUrl(null)).toBe('/');
    // The sign-in page follows it with a full page load: only the app's pages, never a raw API answer.
    expect(safeReturnUrl('/api/auth/challenge')).toBe('/');
    expect(safeReturnUrl('/metrics')).toBe('/');
    expect(safeReturnUrl('/sign-in/index.html')).toBe('/');
    expect(safeReturnUrl('/apis-of-the-app')).toBe('/apis-of-the-app');
  });
});
