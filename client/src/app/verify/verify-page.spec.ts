import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { VerifyPage, normaliseVerificationCode } from './verify-page';

const FOUND = {
  valid: true,
  schoolName: '海南省技师学院',
  programmeName: '中餐烹饪',
  graduatedOn: '2024-12-31',
  holderMaskedName: '王**',
  number: 'ZZ-2024-00429',
};

const NOT_FOUND = {
  statusCode: 404,
  code: 'NOT_FOUND',
  message: '找不到证书（请核对验证码）。',
  messageEn: 'Diploma (check the code) not found.',
};

describe('VerifyPage', () => {
  let harness: RouterTestingHarness;
  let httpMock: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'verify', component: VerifyPage },
            { path: 'verify/:code', component: VerifyPage },
          ],
          withComponentInputBinding(),
        ),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => httpMock.verify());

  const root = () => harness.routeNativeElement as HTMLElement;
  const byTestId = (id: string) => root().querySelector(`[data-testid="${id}"]`);

  it('shows the school, programme, date, masked holder and number of a genuine diploma — and nothing else', async () => {
    await harness.navigateByUrl('/verify/DEMO7K2M9PQX');
    httpMock.expectOne('/api/diploma-verifications/DEMO7K2M9PQX').flush(FOUND);
    await harness.fixture.whenStable();

    expect(byTestId('verify-found')).not.toBeNull();
    expect(byTestId('verify-school')?.textContent).toContain('海南省技师学院');
    expect(byTestId('verify-programme')?.textContent).toContain('中餐烹饪');
    expect(byTestId('verify-holder')?.textContent).toContain('王**');
    expect(byTestId('verify-number')?.textContent).toContain('ZZ-2024-00429');
    expect(byTestId('verify-date')?.textContent).toContain('2024');
    expect(byTestId('verify-not-found')).toBeNull();
    // Exactly the five facts, no more.
    expect(root().querySelectorAll('.verify-facts dt').length).toBe(5);
  });

  it('names the awarding school and never this platform', async () => {
    await harness.navigateByUrl('/verify/DEMO7K2M9PQX');
    httpMock.expectOne('/api/diploma-verifications/DEMO7K2M9PQX').flush(FOUND);
    await harness.fixture.whenStable();

    expect(byTestId('verify-issuer')?.textContent).toContain('海南省技师学院');
    expect(root().querySelector('jbh-brand')).toBeNull();
    expect(root().textContent).not.toMatch(/金不换|jinbuhuan|JBH|戒毒|强制隔离|康复|rehab/i);
  });

  it('says clearly when no diploma has the code, and asks to check it', async () => {
    await harness.navigateByUrl('/verify/ZZZZ22223333');
    httpMock.expectOne('/api/diploma-verifications/ZZZZ22223333').flush(NOT_FOUND, { status: 404, statusText: 'Not Found' });
    await harness.fixture.whenStable();

    expect(byTestId('verify-found')).toBeNull();
    const notFound = byTestId('verify-not-found');
    expect(notFound?.textContent).toContain('没有找到这张证书');
    expect(notFound?.textContent).toContain('请核对验证码');
    expect(notFound?.textContent).toContain('ZZZZ22223333');
  });

  it('tidies a typed code (spaces, dashes, case) and looks it up from the form', async () => {
    await harness.navigateByUrl('/verify');
    const input = byTestId('verify-input') as HTMLInputElement;
    input.value = 'demo-7k2m 9pqx';
    input.dispatchEvent(new Event('input'));
    (byTestId('verify-submit') as HTMLButtonElement).click();
    await harness.fixture.whenStable();

    httpMock.expectOne('/api/diploma-verifications/DEMO7K2M9PQX').flush(FOUND);
    await harness.fixture.whenStable();
    expect(byTestId('verify-found')).not.toBeNull();
  });

  it('does not send a code of the wrong shape', async () => {
    await harness.navigateByUrl('/verify');
    const input = byTestId('verify-input') as HTMLInputElement;
    input.value = 'ABC';
    input.dispatchEvent(new Event('input'));
    (byTestId('verify-submit') as HTMLButtonElement).click();
    await harness.fixture.whenStable();

    httpMock.expectNone(() => true);
    expect(root().querySelector('#verify-help')?.textContent).toContain('12位');
  });

  it('normalises codes', () => {
    expect(normaliseVerificationCode(' demo 7k2m-9pqx ')).toBe('DEMO7K2M9PQX');
  });
});
