import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import type { ConsentDto, ConsentTextDto } from '../trainees/trainees-types';
import { MyConsents } from './my-consents';

const TEXTS: ConsentTextDto[] = [
  {
    purpose: 'job_matching',
    version: 2,
    textZh: '我同意平台为我推荐工作。',
    textEn: 'Recommend jobs to me.',
    publishedAt: '2026-01-01T00:00:00Z',
  },
  {
    purpose: 'share_with_employer',
    version: 1,
    textZh: '我同意把姓名和电话给这一家单位。',
    textEn: 'Share with one employer.',
    publishedAt: '2026-01-01T00:00:00Z',
  },
  {
    purpose: 'follow_up_contact',
    version: 1,
    textZh: '我同意出所后回访联系我。',
    textEn: 'Follow-up contact.',
    publishedAt: '2026-01-01T00:00:00Z',
  },
];

const LIVE: ConsentDto = {
  id: 'c-1',
  purpose: 'job_matching',
  employerId: null,
  employerName: null,
  textVersion: 2,
  grantedAt: '2026-03-01T07:00:00Z',
  grantedAssisted: false,
  paperFormRef: null,
  withdrawnAt: null,
  withdrawnAssisted: null,
  live: true,
};
const WITHDRAWN: ConsentDto = { ...LIVE, withdrawnAt: '2026-05-01T07:00:00Z', withdrawnAssisted: false, live: false };

describe('MyConsents', () => {
  let httpMock: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideNzIconsTesting()],
    });
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpMock.verify());

  async function render(consents: ConsentDto[]) {
    const fixture = TestBed.createComponent(MyConsents);
    httpMock.expectOne('/api/consent-texts').flush(TEXTS);
    httpMock.expectOne('/api/trainees/me/consents').flush(consents);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const card = (purpose: string) => root.querySelector<HTMLElement>(`[data-testid="consent-card"][data-purpose="${purpose}"]`)!;
    const inCard = <T extends HTMLElement = HTMLElement>(purpose: string, id: string) =>
      card(purpose).querySelector<T>(`[data-testid="${id}"]`);
    const click = async (el: HTMLElement | null) => {
      el!.click();
      await fixture.whenStable();
    };
    return { fixture, root, card, inCard, click };
  }

  it('explains each purpose with its current text and says whether the trainee agreed', async () => {
    const page = await render([LIVE]);
    expect(page.inCard('job_matching', 'consent-status')?.textContent).toContain('你已同意');
    expect(page.inCard('job_matching', 'consent-text')?.textContent).toContain('我同意平台为我推荐工作');
    expect(page.inCard('follow_up_contact', 'consent-status')?.textContent).toContain('你没有同意');
    // Sharing with an employer is confirmed per employer elsewhere: no agree button here.
    expect(page.inCard('share_with_employer', 'consent-agree')).toBeNull();
    expect(page.root.querySelector('[data-testid="privacy-box"]')?.textContent).toContain('你的戒毒经历');
  });

  it('asks before withdrawing, says it takes effect at once, and posts to the consent’s withdrawal URL', async () => {
    const page = await render([LIVE]);
    await page.click(page.inCard('job_matching', 'consent-withdraw'));
    const box = page.inCard('job_matching', 'consent-confirm-box');
    expect(box?.textContent).toContain('撤回马上生效');
    expect(box?.textContent).toContain('用人单位也马上看不到你的资料');
    httpMock.expectNone('/api/trainees/me/consents/c-1/withdrawal');

    await page.click(page.inCard('job_matching', 'consent-withdraw-confirm'));
    const req = httpMock.expectOne('/api/trainees/me/consents/c-1/withdrawal');
    expect(req.request.method).toBe('POST');
    req.flush([WITHDRAWN]);
    await page.fixture.whenStable();

    expect(page.inCard('job_matching', 'consent-status')?.textContent).toContain('你没有同意');
    expect(page.inCard('job_matching', 'consent-agree')).not.toBeNull();
  });

  it('cancelling the confirmation sends nothing', async () => {
    const page = await render([LIVE]);
    await page.click(page.inCard('job_matching', 'consent-withdraw'));
    await page.click(page.inCard('job_matching', 'consent-withdraw-cancel'));
    expect(page.inCard('job_matching', 'consent-confirm-box')).toBeNull();
    httpMock.expectNone('/api/trainees/me/consents/c-1/withdrawal');
  });

  it('agrees to the version of the text on screen', async () => {
    const page = await render([WITHDRAWN]);
    await page.click(page.inCard('job_matching', 'consent-agree'));
    const req = httpMock.expectOne('/api/trainees/me/consents');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ purpose: 'job_matching', textVersion: 2 });
    req.flush([{ ...LIVE, id: 'c-2' }, WITHDRAWN]);
    await page.fixture.whenStable();
    expect(page.inCard('job_matching', 'consent-status')?.textContent).toContain('你已同意');
  });
});
