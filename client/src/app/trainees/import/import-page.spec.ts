import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import type { ImportReportDto } from '../trainees-types';
import { ImportPage } from './import-page';

const BAD: ImportReportDto = {
  rows: 3,
  valid: 1,
  imported: 0,
  committed: false,
  problems: [
    { row: 3, field: 'identityNumber', message: '身份证号校验位不正确', messageEn: 'invalid identity number (check_digit)' },
    { row: 4, field: 'homeDivision', message: '未知的市县“火星”', messageEn: 'unknown division' },
  ],
};
const CLEAN: ImportReportDto = { rows: 2, valid: 2, imported: 0, committed: false, problems: [] };
const DONE: ImportReportDto = { rows: 2, valid: 2, imported: 2, committed: true, problems: [] };

describe('ImportPage', () => {
  let httpMock: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideNzIconsTesting()],
    });
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpMock.verify());

  async function render() {
    const fixture = TestBed.createComponent(ImportPage);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => root.querySelector<T>(`[data-testid="${id}"]`);
    const choose = async (name: string) => {
      const input = byTestId<HTMLInputElement>('import-file')!;
      const file = new File(['xlsx bytes'], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
      await fixture.whenStable();
    };
    const click = async (id: string) => {
      byTestId<HTMLButtonElement>(id)!.click();
      await fixture.whenStable();
    };
    const confirmDisabled = () => byTestId<HTMLButtonElement>('import-confirm')!.disabled;
    const expectImport = (dryRun: boolean): TestRequest => {
      const req = httpMock.expectOne((r) => r.url === '/api/trainees/import');
      expect(req.request.method).toBe('POST');
      expect(req.request.params.get('dryRun')).toBe(String(dryRun));
      expect(req.request.body).toBeInstanceOf(FormData);
      expect((req.request.body as FormData).get('file')).toBeInstanceOf(File);
      return req;
    };
    return { fixture, root, byTestId, choose, click, confirmDisabled, expectImport };
  }

  it('checks first: a dry run with problems lists every bad row and keeps “确认导入” off', async () => {
    const page = await render();
    expect(page.byTestId<HTMLButtonElement>('import-check')!.disabled).toBe(true);
    expect(page.confirmDisabled()).toBe(true);

    await page.choose('roster.xlsx');
    expect(page.byTestId('import-file-name')?.textContent).toContain('roster.xlsx');
    await page.click('import-check');
    page.expectImport(true).flush(BAD);
    await page.fixture.whenStable();

    expect(page.byTestId('import-summary')?.textContent).toContain('共 3 行，1 行无误');
    expect(page.byTestId('import-has-problems')?.textContent).toContain('2 个问题');
    const rows = [...page.root.querySelectorAll('[data-testid="import-problem"]')].map((r) =>
      [...r.querySelectorAll('td')].map((td) => td.textContent?.trim()).join(' '),
    );
    expect(rows).toEqual(['3 身份证号 身份证号校验位不正确', '4 户籍市县 未知的市县“火星”']);
    expect(page.confirmDisabled()).toBe(true);
  });

  it('offers the import only after a clean dry run of the chosen file, then shows the result', async () => {
    const page = await render();
    await page.choose('roster.xlsx');
    await page.click('import-check');
    page.expectImport(true).flush(CLEAN);
    await page.fixture.whenStable();
    expect(page.byTestId('import-clean')?.textContent).toContain('2 行全部检查无误');
    expect(page.confirmDisabled()).toBe(false);

    await page.click('import-confirm');
    page.expectImport(false).flush(DONE);
    await page.fixture.whenStable();
    expect(page.byTestId('import-done')?.textContent).toContain('已导入 2 名学员');
  });

  it('forgets the report when another file is chosen', async () => {
    const page = await render();
    await page.choose('roster.xlsx');
    await page.click('import-check');
    page.expectImport(true).flush(CLEAN);
    await page.fixture.whenStable();
    expect(page.confirmDisabled()).toBe(false);

    await page.choose('other.xlsx');
    expect(page.byTestId('import-report')).toBeNull();
    expect(page.confirmDisabled()).toBe(true);
  });

  it('shows the new problems when the real import finds some (nothing was written)', async () => {
    const page = await render();
    await page.choose('roster.xlsx');
    await page.click('import-check');
    page.expectImport(true).flush(CLEAN);
    await page.fixture.whenStable();
    await page.click('import-confirm');
    page.expectImport(false).flush({ ...BAD, problems: [BAD.problems[0]!] });
    await page.fixture.whenStable();
    expect(page.byTestId('import-done')).toBeNull();
    expect(page.root.querySelectorAll('[data-testid="import-problem"]').length).toBe(1);
    expect(page.confirmDisabled()).toBe(true);
  });

  it('shows a refused file in place', async () => {
    const page = await render();
    await page.choose('roster.xlsx');
    await page.click('import-check');
    page
      .expectImport(true)
      .flush(
        { statusCode: 400, code: 'TEMPLATE_MISMATCH', message: '表头与模板不一致，请下载模板。', messageEn: 'Header mismatch' },
        { status: 400, statusText: 'Bad Request' },
      );
    await page.fixture.whenStable();
    expect(page.byTestId('import-error')?.textContent).toContain('表头与模板不一致');
    expect(page.confirmDisabled()).toBe(true);
  });
});
