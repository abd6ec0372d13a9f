import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { deadlinePassed, orderCrossFieldRules } from '../order-form-validators';
import { OrderFormPage } from './order-form-page';

describe('OrderFormPage validation', () => {
  let httpMock: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideNzIconsTesting()],
    });
    httpMock = TestBed.inject(HttpTestingController);
  });

  function create() {
    const fixture = TestBed.createComponent(OrderFormPage);
    fixture.detectChanges();
    return fixture.componentInstance;
  }

  function fillValid(page: OrderFormPage): void {
    page.form.setValue({
      title: '  中餐厨师（热菜）  ',
      occupationCode: '4-03-02-01',
      requiredLevel: 5,
      headcount: 3,
      diplomaWanted: true,
      divisionCode: '460100',
      workplaceAddress: '',
      wageMin: 4000,
      wageMax: 6000,
      boardAndLodging: 'both',
      startDate: '2099-03-01',
      deadline: '2099-02-01',
      description: '',
    });
  }

  it('accepts a complete order and sends trimmed text with empty optional fields left out', () => {
    const page = create();
    fillValid(page);
    expect(page.form.valid).toBe(true);
    const dto = page.toDto();
    expect(dto.title).toBe('中餐厨师（热菜）');
    expect(dto.headcount).toBe(3);
    expect(dto.workplaceAddress).toBeUndefined();
    expect(dto.description).toBeUndefined();
    expect(dto.requiredLevel).toBe(5);
    httpMock.match(() => true);
  });

  it('follows the server: title 2–80 characters after trimming, headcount a whole number 1–10000, wages 0–100000', () => {
    const page = create();
    fillValid(page);
    const c = page.form.controls;
    c.title.setValue('  厨 ');
    expect(c.title.valid).toBe(false);
    c.title.setValue('x'.repeat(81));
    expect(c.title.valid).toBe(false);
    c.title.setValue('厨师');
    expect(c.title.valid).toBe(true);

    for (const bad of [0, 10001, 2.5, null]) {
      c.headcount.setValue(bad);
      expect(c.headcount.valid).toBe(false);
    }
    c.headcount.setValue(10000);
    expect(c.headcount.valid).toBe(true);

    c.wageMin.setValue(-1);
    expect(c.wageMin.valid).toBe(false);
    c.wageMax.setValue(100001);
    expect(c.wageMax.valid).toBe(false);
    c.wageMin.setValue(null);
    expect(c.wageMin.valid).toBe(true);

    c.occupationCode.setValue('40302');
    expect(c.occupationCode.valid).toBe(false);
    c.divisionCode.setValue('');
    expect(c.divisionCode.valid).toBe(false);
    httpMock.match(() => true);
  });

  it('refuses a deadline after the start date and a minimum wage above the maximum, as the server does', () => {
    const page = create();
    fillValid(page);
    page.form.patchValue({ deadline: '2099-04-01' });
    expect(page.form.hasError('deadlineAfterStart')).toBe(true);
    page.form.patchValue({ deadline: '2099-03-01' });
    expect(page.form.hasError('deadlineAfterStart')).toBe(false);
    page.form.patchValue({ wageMin: 7000 });
    expect(page.form.hasError('wageOrder')).toBe(true);
    expect(page.form.valid).toBe(false);
    httpMock.match(() => true);
  });

  it('shows the rules inline once the employer tries to save an empty form, and sends nothing', () => {
    const fixture = TestBed.createComponent(OrderFormPage);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    (el.querySelector('[data-testid=order-save]') as HTMLButtonElement).click();
    fixture.detectChanges();
    const text = el.textContent ?? '';
    expect(text).toContain('请填写岗位名称（2–80个字）');
    expect(text).toContain('请选择');
    httpMock.match((req) => req.url.startsWith('/api/reference'));
    httpMock.expectNone('/api/orders');
  });

  it('warns (without blocking the draft) when the deadline has passed', () => {
    expect(deadlinePassed('2020-01-01', '2026-05-01')).toBe(true);
    expect(deadlinePassed('2026-05-01', '2026-05-01')).toBe(false);
    expect(deadlinePassed('', '2026-05-01')).toBe(false);
  });

  it('compares wages as numbers, not text', () => {
    const group = { value: { wageMin: '900', wageMax: '1000', startDate: '', deadline: '' } } as never;
    expect(orderCrossFieldRules(group)).toBeNull();
  });
});
