import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RegisterEmployer } from './register-employer';

const CHECK_DIGIT_ERROR = {
  statusCode: 400,
  code: 'CREDIT_CODE_INVALID',
  message: '统一社会信用代码校验位不正确，请核对营业执照。',
  messageEn: 'The credit code fails its check digit.',
  details: { problem: 'check_digit' },
};

describe('RegisterEmployer', () => {
  let httpMock: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpMock.verify());

  async function render() {
    const fixture = TestBed.createComponent(RegisterEmployer);
    httpMock.expectOne('/api/reference/divisions').flush([{ code: '460100', name: '海口市', nameEn: 'Haikou' }]);
    await fixture.whenStable();
    return fixture;
  }

  function type(root: HTMLElement, id: string, value: string): void {
    const input = root.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`no #${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  it('hints at the expected check digit as the code is typed', async () => {
    const fixture = await render();
    const root = fixture.nativeElement as HTMLElement;
    const hint = () => root.querySelector('[data-testid="credit-code-hint"]')?.textContent?.trim() ?? '';

    type(root, 'creditCode', '91350100M0');
    await fixture.whenStable();
    expect(hint()).toContain('10/18');

    type(root, 'creditCode', '91350100M000100Y44');
    await fixture.whenStable();
    expect(hint()).toContain('应为 3');

    type(root, 'creditCode', '91350100M000100Y43');
    await fixture.whenStable();
    expect(hint()).toBe('校验通过');
  });

  it('offers a manual check when the server refuses the check digit, and sends it on resubmit', async () => {
    const fixture = await render();
    const root = fixture.nativeElement as HTMLElement;
    const component = fixture.componentInstance as unknown as { form: { setValue(v: unknown): void } };
    component.form.setValue({
      organisationName: '海口椰林酒店有限公司',
      creditCode: '91350100M000100Y44',
      divisionCode: '460100',
      contactName: '张三',
      contactPhone: '13800138000',
      username: 'yelin',
      password: 'Good#Pass2026',
      passwordConfirm: 'Good#Pass2026',
      requestManualReview: false,
    });
    root.querySelector<HTMLButtonElement>('button[type=submit]')?.click();

    const first = httpMock.expectOne('/api/employers/registrations');
    expect(first.request.body).not.toHaveProperty('requestManualReview');
    first.flush(CHECK_DIGIT_ERROR, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(root.querySelector('[data-testid="manual-review"]')).not.toBeNull();

    root.querySelector<HTMLInputElement>('#requestManualReview')?.click();
    await fixture.whenStable();
    root.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    const second = httpMock.expectOne('/api/employers/registrations');
    expect(second.request.body).toMatchObject({ creditCode: '91350100M000100Y44', requestManualReview: true });
    second.flush({
      organisationName: '海口椰林酒店有限公司',
      status: 'pending',
      username: 'yelin',
      manualReview: true,
    });
    await fixture.whenStable();

    const done = root.querySelector('[data-testid="registration-done"]')?.textContent ?? '';
    expect(done).toContain('等待管理员审核');
    expect(done).toContain('人工核验');
    // The same confirmation whether or not the username was free: it says what to do if sign-in fails.
    expect(done).toContain('换一个用户名重新注册');
  });
});
