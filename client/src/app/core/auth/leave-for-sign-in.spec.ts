import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { type ActivatedRouteSnapshot, Router, type RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';
import { leaveForSignIn } from './auth-guards';

/** The router's hand-over to the sign-in page, which the server serves outside the app (src/sign-in/). */
describe('leaveForSignIn', () => {
  const assign = vi.fn<(url: string) => void>();
  let online = true;

  function leave(url: string, pathname = '/trainees'): unknown {
    const fakeDocument = new Proxy(document, {
      get: (target, key) => (key === 'location' ? { pathname, assign } : (Reflect.get(target, key, target) as unknown)),
    });
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: DOCUMENT, useValue: fakeDocument }] });
    TestBed.inject(Router).navigated = true;
    return TestBed.runInInjectionContext(() => leaveForSignIn({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot));
  }

  beforeEach(() => {
    assign.mockReset();
    online = true;
    vi.spyOn(globalThis.navigator, 'onLine', 'get').mockImplementation(() => online);
  });
  afterEach(() => vi.restoreAllMocks());

  it('loads the sign-in page with its query (where to go back to, why)', () => {
    expect(leave('/login?returnUrl=%2Ftrainees&notice=expired')).toBe(false);
    expect(assign).toHaveBeenCalledWith('/login?returnUrl=%2Ftrainees&notice=expired');
  });

  it('offline, stays in the app on a page that says so (the sign-in page could not load)', () => {
    online = false;
    const result = leave('/login?notice=idle');
    expect(assign).not.toHaveBeenCalled();
    expect(result).toBeInstanceOf(UrlTree);
    expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe('/sign-in-offline?to=%2Flogin%3Fnotice%3Didle');
  });
});
