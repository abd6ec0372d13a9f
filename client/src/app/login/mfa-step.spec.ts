import { Component, signal } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore } from '../core/auth/auth-store';
import { MfaStep } from './mfa-step';

@Component({
  imports: [MfaStep],
  template: `<jbh-mfa-step [mfaToken]="token" (signedIn)="signedIn.set(true)" (restart)="restarted.set(true)" />`,
})
class Host {
  readonly token = 'header.payload.signature';
  readonly signedIn = signal(false);
  readonly restarted = signal(false);
}

const SESSION = {
  accessToken: 'a.b.c',
  expiresIn: 900,
  user: { id: 'u1', username: 'instructor', displayName: '王老师', role: 'instructor', organisationId: 'o1' },
};

const error = (code: string, message: string) => ({ statusCode: 401, code, message, messageEn: message });

describe('MfaStep', () => {
  let fixture: ComponentFixture<Host>;
  let httpMock: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    httpMock = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
  });

  afterEach(() => httpMock.verify());

  const el = <T extends Element>(selector: string): T | null => (fixture.nativeElement as HTMLElement).querySelector<T>(selector);

  function type(id: string, value: string): void {
    const input = el<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`no #${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function submit(): void {
    const button = el<HTMLButtonElement>('button[type=submit]');
    if (!button) throw new Error('no submit button');
    button.click();
  }

  it('offers a big numeric one-time-code field a phone keyboard and autofill understand', () => {
    const input = el<HTMLInputElement>('#mfa-code');
    expect(input?.getAttribute('inputmode')).toBe('numeric');
    expect(input?.getAttribute('autocomplete')).toBe('one-time-code');
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('技能与就业');
    for (const word of ['戒毒', '金不换']) expect((fixture.nativeElement as HTMLElement).textContent).not.toContain(word);
  });

  it('sends the code with the token, then takes up the session and says so', async () => {
    type('mfa-code', '123 456');
    submit();
    const answer = httpMock.expectOne('/api/auth/mfa');
    expect(answer.request.method).toBe('POST');
    expect(answer.request.body).toEqual({ mfaToken: 'header.payload.signature', code: '123456' });
    // A session call: no bearer token, no Idempotency-Key.
    expect(answer.request.headers.has('Authorization')).toBe(false);
    expect(answer.request.headers.has('Idempotency-Key')).toBe(false);
    answer.flush(SESSION);
    httpMock.expectOne('/api/auth/refresh').flush(SESSION);
    await fixture.whenStable();
    expect(fixture.componentInstance.signedIn()).toBe(true);
    expect(TestBed.inject(AuthStore).user()?.username).toBe('instructor');
  });

  it('does not send a code that is not 6 digits', async () => {
    type('mfa-code', '12ab');
    submit();
    await fixture.whenStable();
    httpMock.expectNone('/api/auth/mfa');
  });

  it('shows a wrong code and lets the person try again', async () => {
    type('mfa-code', '000000');
    submit();
    httpMock
      .expectOne('/api/auth/mfa')
      .flush(error('MFA_CODE_INVALID', '验证码不正确，请查看验证器应用中的最新6位数字再试。'), { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(el('[data-testid="mfa-step-error"]')?.textContent).toContain('验证码不正确');
    expect(el<HTMLInputElement>('#mfa-code')?.value).toBe('');
    expect(fixture.componentInstance.signedIn()).toBe(false);
  });

  it('after a spent token offers only the way back to the password', async () => {
    type('mfa-code', '000000');
    submit();
    httpMock
      .expectOne('/api/auth/mfa')
      .flush(error('MFA_TOKEN_INVALID', '验证已超时或尝试次数过多，请重新输入用户名和密码。'), { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(el('#mfa-code')).toBeNull();
    el<HTMLButtonElement>('[data-testid="mfa-restart"]')?.click();
    expect(fixture.componentInstance.restarted()).toBe(true);
  });

  it('takes a recovery code instead', async () => {
    el<HTMLButtonElement>('[data-testid="mfa-toggle"]')?.click();
    await fixture.whenStable();
    type('mfa-recovery-code', ' abcde-fghjk ');
    submit();
    const answer = httpMock.expectOne('/api/auth/mfa');
    expect(answer.request.body).toEqual({ mfaToken: 'header.payload.signature', recoveryCode: 'abcde-fghjk' });
    answer.flush(SESSION);
    httpMock.expectOne('/api/auth/refresh').flush(SESSION);
    await fixture.whenStable();
    expect(fixture.componentInstance.signedIn()).toBe(true);
  });
});
