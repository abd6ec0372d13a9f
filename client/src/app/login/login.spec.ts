import { Component } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { authInterceptor } from '../core/auth/auth-interceptor';
import { AuthStore } from '../core/auth/auth-store';
import { errorInterceptor } from '../core/errors/error-interceptor';
import { I18n } from '../core/i18n/i18n';
import { Login } from './login';

@Component({ template: 'target page' })
class Target {}

const LOCKED = {
  statusCode: 423,
  code: 'ACCOUNT_LOCKED',
  message: '密码连续错误5次，账号已锁定，请15分钟后再试。',
  messageEn: 'Too many wrong passwords: the account is locked. Try again in 15 minute(s).',
  details: { minutes: 15, lockedUntil: '2026-01-01T00:15:00.000Z' },
  requestId: 'req-12345678',
};

describe('Login', () => {
  let harness: RouterTestingHarness;
  let httpMock: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', component: Login },
          { path: '**', component: Target },
        ]),
        provideHttpClient(withInterceptors([errorInterceptor, authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create('/login?returnUrl=%2Fadmin%2Fusers');
  });

  afterEach(() => httpMock.verify());

  function input(id: string): HTMLInputElement {
    const el = harness.routeNativeElement?.querySelector<HTMLInputElement>(`#${id}`);
    if (!el) throw new Error(`no #${id}`);
    return el;
  }

  function type(id: string, value: string): void {
    const el = input(id);
    el.value = value;
    el.dispatchEvent(new Event('input'));
  }

  function submit(): void {
    const button = harness.routeNativeElement?.querySelector<HTMLButtonElement>('button[type=submit]');
    if (!button) throw new Error('no submit button');
    button.click();
  }

  it('has the username and password fields and a submit button', () => {
    expect(input('username').getAttribute('autocomplete')).toBe('username');
    expect(input('password').type).toBe('password');
    expect(harness.routeNativeElement?.querySelector('button[type=submit]')).not.toBeNull();
    // A shared phone's sign-in page says what employers see, never why, and not the programme's name.
    const text = harness.routeNativeElement?.textContent ?? '';
    expect(text).toContain('用人单位只能看到您的技能、证书和求职意向');
    for (const word of ['戒毒', '金不换']) expect(text).not.toContain(word);
    expect(harness.routeNativeElement?.querySelector('a[href="/register/employer"]')).not.toBeNull();
  });

  it('does not send an empty form', async () => {
    submit();
    await harness.fixture.whenStable();
    httpMock.expectNone('/api/auth/login');
  });

  it("shows the server's lockout message, with the minutes, in the current language", async () => {
    type('username', 'Admin ');
    type('password', 'wrong-password');
    submit();

    const req = httpMock.expectOne('/api/auth/login');
    expect(req.request.body).toEqual({ username: 'admin', password: 'wrong-password' });
    req.flush(LOCKED, { status: 423, statusText: 'Locked' });
    await harness.fixture.whenStable();

    const alert = () => harness.routeNativeElement?.querySelector('[data-testid="login-error"]')?.textContent ?? '';
    expect(alert()).toContain('账号已锁定，请15分钟后再试');
    expect(input('password').value).toBe('');

    await TestBed.inject(I18n).setLang('en');
    await harness.fixture.whenStable();
    expect(alert()).toContain('Try again in 15 minute(s)');
  });

  it('signs in and goes back to where the user was', async () => {
    type('username', 'admin');
    type('password', 'Demo#2026');
    submit();
    httpMock.expectOne('/api/auth/login').flush({
      accessToken: 'tok',
      expiresIn: 900,
      user: { id: 'u1', username: 'admin', displayName: '省局管理员', role: 'admin', organisationId: 'o1' },
    });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/admin/users');
    expect(TestBed.inject(AuthStore).role()).toBe('admin');
  });
});
