import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { of } from 'rxjs';
import { OrdersApi } from '../orders/orders-api';
import type { ConsentTextDto, PlacementDto } from '../orders/orders-types';
import { MyJobs } from './my-jobs';
import { TraineeStage } from './trainee-stage';

const RECOMMENDED = {
  id: 'p-1',
  state: 'recommended',
  orderTitle: '客房服务员',
  employerName: '海口椰风酒店管理有限公司',
  orderDivisionName: '海口市',
  occupationName: '客房服务员',
  note: null,
  endedOn: null,
  hiredOn: null,
  interviewAt: null,
  interviewPlace: null,
  offeredWage: null,
} as unknown as PlacementDto;

const SHARE_TEXT = {
  purpose: 'share_with_employer',
  version: 3,
  textZh: '我同意把姓名和电话给这一家单位。',
  textEn: 'Share with one employer.',
  publishedAt: '2026-01-01T00:00:00Z',
} as ConsentTextDto;

describe('MyJobs', () => {
  const api = {
    placements: vi.fn(() => of({ items: [RECOMMENDED], total: 1, page: 1, pageSize: 100 })),
    shareText: vi.fn(() => of(SHARE_TEXT)),
    placementStep: vi.fn((id: string) => of({ ...RECOMMENDED, id, state: 'accepted_by_trainee' } as PlacementDto)),
  };

  beforeEach(() => {
    localStorage.clear();
    api.placementStep.mockClear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIconsTesting(),
        { provide: OrdersApi, useValue: api },
        { provide: TraineeStage, useValue: { load: () => undefined, discreet: signal(true) } },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(MyJobs);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    // The dialog is drawn in the overlay container, outside the component.
    const dialog = () => document.querySelector<HTMLElement>('[data-testid="job-confirm-box"]');
    const click = async (el: HTMLElement | null) => {
      el!.click();
      fixture.detectChanges();
      await fixture.whenStable();
    };
    return { fixture, root, dialog, click };
  }

  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((el) => (el.innerHTML = ''));
  });

  it('asks in an on-screen dialog what accepting shares, then accepts with the text version read', async () => {
    const page = await render();
    expect(page.dialog()).toBeNull();
    await page.click(page.root.querySelector('[data-testid="job-accept"]'));

    const box = page.dialog();
    expect(box).not.toBeNull();
    expect(box!.closest('.ant-modal')).not.toBeNull();
    expect(box!.textContent).toContain('客房服务员 · 海口椰风酒店管理有限公司');
    expect(box!.textContent).toContain('将看到你的姓名和电话');
    expect(box!.textContent).not.toContain('您');
    expect(api.placementStep).not.toHaveBeenCalled();

    await page.click(box!.querySelector('[data-testid="job-confirm"]'));
    expect(api.placementStep).toHaveBeenCalledWith('p-1', 'accept', { textVersion: 3 });
    await page.fixture.whenStable();
    page.fixture.detectChanges();
    expect(page.root.querySelector('[data-testid="job-card"][data-state="accepted_by_trainee"]')).not.toBeNull();
    expect(page.root.querySelector('[data-testid="job-done"]')?.textContent).toContain('已接受');
  });

  it('cancelling the dialog sends nothing', async () => {
    const page = await render();
    await page.click(page.root.querySelector('[data-testid="job-decline"]'));
    expect(page.dialog()?.getAttribute('data-what')).toBe('decline');
    await page.click(page.dialog()!.querySelector('[data-testid="job-cancel"]'));
    expect(api.placementStep).not.toHaveBeenCalled();
    expect(page.root.querySelector('[data-testid="job-card"][data-state="recommended"]')).not.toBeNull();
  });
});
