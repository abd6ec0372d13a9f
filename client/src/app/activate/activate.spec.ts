import { activationControllerActivate } from '../core/api/generated/fn/activation/activation-controller-activate';
import { authControllerLogin } from '../core/api/generated/fn/auth/auth-controller-login';
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
import { groupActivationCode } from '../trainees/activation/activation-code';
import { Activate, normaliseActivationCode } from './activate';

@Component({ template: 'home' })
class Home {}

const INVALID = {
  statusCode: 400,
  code: 'ACTIVATION_INVALID',
  message: '激活码或出生年份不正确，或激活码已失效。请核对后重试；仍不行请联系给您激活码的工作人员重新开具。',
  messageEn: 'The activation code or birth year is not right, or the code is no longer valid.',
  requestId: 'req-1',
};

describe('Activate', () => {
  let harness: RouterTestingHarness;
  let httpMock: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'activate', component: Activate },
          { path: '**', component: Home },
        ]),
        provideHttpClient(withInterceptors([errorInterceptor, authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create('/activate');
  });

  afterEach(() => httpMock.verify());

  const el = () => harness.routeNativeElement!;
  function type(id: string, value: string): void {
    const input = el().querySelector<HTMLInputElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  function submit(): void {
    el().querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  }
  function fill(): void {
    type('act-code', 'dema ctv8-26');
    type('act-year', '1987');
    type('act-username', ' Yun.Zq ');
    type('act-password', 'Spring#2027');
  }

  it('labels every field, shows the rules, and names no place or programme', () => {
    for (const id of ['act-code', 'act-year', 'act-username', 'act-password']) {
      expect(el().querySelector(`label[for="${id}"]`)).not.toBeNull();
    }
    const text = el().textContent ?? '';
    expect(text).toContain('只能用小写字母');
    expect(text).toContain('至少8位');
    for (const word of ['戒毒', '康复', '所', '社区', '金不换']) expect(text).not.toContain(word);
  });

  it('does not send an incomplete form', async () => {
    type('act-code', 'ABC');
    submit();
    await harness.fixture.whenStable();
    httpMock.expectNone(activationControllerActivate.PATH);
    expect(el().textContent).toContain('激活码是 10 位字母和数字');
  });

  it('activates with the normalised code, then signs in and goes home', async () => {
    fill();
    submit();
    const req = httpMock.expectOne(activationControllerActivate.PATH);
    expect(req.request.body).toEqual({ code: 'DEMACTV826', birthYear: 1987, username: 'yun.zq', password: 'Spring#2027' });
    req.flush({ username: 'yun.zq' }, { status: 201, statusText: 'Created' });
    const login = httpMock.expectOne(authControllerLogin.PATH);
    expect(login.request.body).toEqual({ username: 'yun.zq', password: 'Spring#2027' });
    login.flush({
      accessToken: 'tok',
      expiresIn: 900,
      user: { id: 'u1', username: 'yun.zq', displayName: '云志强', role: 'trainee', organisationId: 'o1' },
    });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/');
    expect(TestBed.inject(AuthStore).role()).toBe('trainee');
  });

  it('gives the one neutral answer in plain words, and 稍后再试 on 429', async () => {
    fill();
    submit();
    httpMock.expectOne(activationControllerActivate.PATH).flush(INVALID, { status: 400, statusText: 'Bad Request' });
    await harness.fixture.whenStable();
    const alert = () => el().querySelector('[data-testid="activate-error"]')?.textContent ?? '';
    expect(alert()).toContain('激活码或出生年份不对');
    expect(alert()).not.toContain('您');

    submit();
    httpMock
      .expectOne(activationControllerActivate.PATH)
      .flush(
        { statusCode: 429, code: 'TOO_MANY_REQUESTS', message: '操作太频繁', messageEn: 'Too many', params: { seconds: 30 } },
        { status: 429, statusText: 'Too Many Requests' },
      );
    await harness.fixture.whenStable();
    expect(alert()).toContain('稍后再试');

    await TestBed.inject(I18n).setLang('en');
    await harness.fixture.whenStable();
    expect(alert()).toContain('try again later');
  });
});

describe('activation codes as typed and printed', () => {
  it('drops spaces and dashes and upper-cases; prints in groups of 4-4-2', () => {
    expect(normaliseActivationCode(' dema-ctv8 26 ')).toBe('DEMACTV826');
    expect(groupActivationCode('DEMACTV826')).toBe('DEMA-CTV8-26');
    expect(groupActivationCode('dema-ctv8-26')).toBe('DEMA-CTV8-26');
  });
});
