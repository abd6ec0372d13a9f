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
import { ALTCHA_WIDGET_LOADER } from './login-challenge';

@Component({ template: 'target page' })
class Target {}

const CHALLENGE = {
  statusCode: 401,
  code: 'CHALLENGE_REQUIRED',
  message: '登录尝试过多，请先完成下方的安全验证，再重新登录。',
  messageEn: 'Too many sign-in attempts: complete the security check below, then sign in again.',
  requestId: 'req-12345678',
};

const INVALID = {
  statusCode: 401,
  code: 'INVALID_CREDENTIALS',
  message: '用户名或密码不正确。',
  messageEn: 'Wrong username or password.',
  requestId: 'req-87654321',
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
        // The real widget (a web component doing proof of work) is not loaded in unit tests.
        { provide: ALTCHA_WIDGET_LOADER, useValue: () => Promise.resolve() },
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

  it('after CHALLENGE_REQUIRED shows the check, keeps the password, and sends the solved payload with the next try', async () => {
    type('username', 'Admin ');
    type('password', 'Demo#2026');
    submit();

    const first = httpMock.expectOne('/api/auth/login');
    expect(first.request.body).toEqual({ username: 'admin', password: 'Demo#2026' });
    first.flush(CHALLENGE, { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();

    const alert = () => harness.routeNativeElement?.querySelector('[data-testid="login-error"]')?.textContent ?? '';
    expect(alert()).toContain('请先完成下方的安全验证');
    expect(input('password').value).toBe('Demo#2026');
    const widget = harness.routeNativeElement?.querySelector('altcha-widget');
    expect(widget).not.toBeNull();
    expect(widget?.getAttribute('challenge')).toBe('/api/auth/challenge');
    expect(widget?.getAttribute('language')).toBe('zh-cn');

    // The widget solved its challenge.
    widget?.dispatchEvent(new CustomEvent('statechange', { detail: { state: 'verified', payload: 'c29sdmVk' } }));
    submit();
    const second = httpMock.expectOne('/api/auth/login');
    expect(second.request.body).toEqual({ username: 'admin', password: 'Demo#2026', altcha: 'c29sdmVk' });
    second.flush(INVALID, { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();
    expect(alert()).toContain('用户名或密码不正确');
    expect(input('password').value).toBe('');

    // The payload was spent: the next try goes without it until the widget has solved a fresh one.
    type('password', 'Demo#2027');
    submit();
    expect(httpMock.expectOne('/api/auth/login').request.body).toEqual({ username: 'admin', password: 'Demo#2027' });

    await TestBed.inject(I18n).setLang('en');
    await harness.fixture.whenStable();
    expect(harness.routeNativeElement?.querySelector('altcha-widget')?.getAttribute('language')).toBe('en');
  });

  it('shows no check before the server asks for one', async () => {
    type('username', 'admin');
    type('password', 'wrong-password');
    submit();
    httpMock.expectOne('/api/auth/login').flush(INVALID, { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();
    expect(harness.routeNativeElement?.querySelector('altcha-widget')).toBeNull();
    await TestBed.inject(I18n).setLang('en');
    await harness.fixture.whenStable();
    expect(harness.routeNativeElement?.querySelector('[data-testid="login-error"]')?.textContent).toContain('Wrong username or password');
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
