import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import type { OrganisationDto } from '../../core/api/api-types';
import { AuthStore } from '../../core/auth/auth-store';
import { EmployerStanding } from '../employer-standing';
import { EmployerReview } from './employer-review';

const PENDING: OrganisationDto = {
  id: 'org-1',
  name: '陵水椰林园林绿化有限公司',
  type: 'employer',
  divisionCode: '469028',
  divisionName: '陵水黎族自治县',
  creditCode: '91469028MA5T00001X',
  creditCodeValid: true,
  creditCodeOverride: false,
  status: 'pending',
  statusReason: null,
  contactName: '王经理',
  contactPhone: '13800000000',
  verifiedAt: null,
  createdAt: '2026-12-01T02:00:00.000Z',
};

describe('EmployerReview', () => {
  let httpMock: HttpTestingController;
  const user = signal({ id: 'u-1', username: 'pending-employer', role: 'employer', organisationId: 'org-1' });

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIconsTesting(),
        { provide: AuthStore, useValue: { user } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpMock.verify());

  async function render(org: OrganisationDto): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(EmployerReview);
    fixture.componentRef.setInput('organisation', org);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('pending: says the details are being reviewed, shows what was submitted, what happens next and whom to contact', async () => {
    const root = await render(PENDING);
    expect(root.querySelector('[data-testid="employer-review-title"]')?.textContent).toContain('贵单位的资料正在审核中');
    const submitted = root.querySelector('[data-testid="employer-review-submitted"]')?.textContent ?? '';
    for (const shown of [PENDING.name, PENDING.creditCode!, PENDING.divisionName, '王经理', '13800000000'])
      expect(submitted).toContain(shown);
    expect(root.querySelectorAll('.next-steps li')).toHaveLength(3);
    expect(root.querySelector('[data-testid="employer-review-contact"]')?.textContent).toContain('pending-employer');
  });

  it('rejected: says so and gives the reason', async () => {
    const root = await render({ ...PENDING, status: 'rejected', statusReason: '营业执照不清晰' });
    expect(root.querySelector('[data-testid="employer-review-title"]')?.textContent).toContain('没有通过审核');
    expect(root.querySelector('[data-testid="rejection-reason"]')?.textContent).toContain('营业执照不清晰');
  });

  it('the menu standing: an employer is not verified until its record says so', () => {
    const standing = TestBed.inject(EmployerStanding);
    TestBed.tick();
    expect(standing.verified()).toBe(false);
    httpMock.expectOne('/api/organisations/org-1').flush(PENDING);
    expect(standing.verified()).toBe(false);
    standing.seen({ ...PENDING, status: 'verified' });
    expect(standing.verified()).toBe(true);
  });
});
