import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { SessionDto } from '../api/api-types';
import { authInterceptor } from './auth-interceptor';
import { AuthStore, SESSION_HINT_KEY } from './auth-store';
import { safeReturnUrl } from './auth-guards';

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
    expect(auth.notice()).toBeNull();
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
    httpMock.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    expect(auth.isAuthenticated()).toBe(false);
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('only follows same-site return URLs', () => {
    expect(safeReturnUrl('/admin/users?page=2')).toBe('/admin/users?page=2');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('/login?returnUrl=/x')).toBe('/');
    expect(safeReturnUrl(null)).toBe('/');
  });
});
