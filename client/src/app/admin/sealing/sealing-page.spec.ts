import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { of } from 'rxjs';
import { I18n } from '../../core/i18n/i18n';
import { SealingApi, type SealingSummaryDto, type UnsealRequestDto } from './sealing-api';
import { SealingI18n, UNSEAL_BASES, askedDays, openFirst } from './sealing-i18n';
import { SealingPage } from './sealing-page';

const request = (over: Partial<UnsealRequestDto>): UnsealRequestDto => ({
  id: 'r1',
  basis: 'case_investigation',
  note: '海口市公安局 2026-118 号协查函',
  state: 'requested',
  identityTail: '1234',
  requestedByName: '管理员甲',
  decidedByName: null,
  requestedAt: '2026-12-01T02:00:00.000Z',
  decidedAt: null,
  exemptUntil: '2026-12-31',
  mayDecide: false,
  ...over,
});

const summary: SealingSummaryDto = {
  sealed: 3,
  pendingRequests: 1,
  erased: 0,
  sealAfterYears: 3,
  retention: [
    { key: 'sealed_record', whatZh: '结案档案封存', whatEn: 'A closed file is sealed', whenZh: '结案满 3 年', whenEn: '3 years after' },
  ],
};

describe('sealing words', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({});
  });

  it('names every basis and state in words, in both languages, never the code', async () => {
    const words = TestBed.inject(SealingI18n);
    expect(UNSEAL_BASES.map(words.basisWords)).toEqual(['办案需要', '依规定查询', '本人申请', '再次入所']);
    expect(words.basisWords('closed_years')).toBe('结案满期封存');
    expect(words.stateWords('requested')).toBe('待审批');
    expect(words.stateWords('approved')).toBe('已批准');
    expect(words.stateWords('rejected')).toBe('已驳回');
    await TestBed.inject(I18n).setLang('en');
    expect(words.basisWords('case_investigation')).toBe('Needed for a case');
    expect(words.stateWords('rejected')).toBe('Rejected');
    for (const b of [...UNSEAL_BASES, 'closed_years', 'retention'] as const) expect(words.basisWords(b)).not.toContain(b);
  });

  it('gives back the days asked from the China date of the request', () => {
    // 00:30 on 1 December in China is still 30 November in UTC: 30 days to the 31st, not 31.
    expect(askedDays('2026-11-30T16:30:00.000Z', '2026-12-31')).toBe(30);
    expect(askedDays('2026-11-30T15:59:00.000Z', '2026-12-01')).toBe(1);
    expect(askedDays('2026-12-01T00:30:00.000Z', null)).toBeNull();
  });

  it('lists open requests first, then the newest', () => {
    const list = openFirst([
      request({ id: 'old-approved', state: 'approved', requestedAt: '2026-11-01T00:00:00Z' }),
      request({ id: 'new-rejected', state: 'rejected', requestedAt: '2026-12-02T00:00:00Z' }),
      request({ id: 'open', state: 'requested', requestedAt: '2026-10-01T00:00:00Z' }),
    ]);
    expect(list.map((r) => r.id)).toEqual(['open', 'new-rejected', 'old-approved']);
  });
});

describe('SealingPage', () => {
  let decided: { id: string; decision: string }[];
  let asked: { page: number; pageSize: number }[];

  /** `total`: how many requests the server says there are (more than the page when it pages). */
  function render(requests: UnsealRequestDto[], total = requests.length, later: UnsealRequestDto[] = []) {
    decided = [];
    asked = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIconsTesting(),
        {
          provide: SealingApi,
          useValue: {
            summary: () => of(summary),
            requests: (page: number, pageSize: number) => {
              asked.push({ page, pageSize });
              return of({ items: page === 1 ? requests : later, total, page, pageSize });
            },
            decide: (id: string, decision: string) => {
              decided.push({ id, decision });
              return of({ ...requests[0], state: decision, mayDecide: false });
            },
          },
        },
      ],
    });
    const fixture = TestBed.createComponent(SealingPage);
    fixture.detectChanges();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  beforeEach(() => localStorage.clear());

  it('shows the counts, the schedule and a request in words, with the identity number’s last four only', () => {
    const { el } = render([request({})]);
    expect(el.querySelector('[data-testid="seal-count-sealed"]')?.textContent?.trim()).toBe('3');
    expect(el.querySelector('[data-testid="seal-intro"]')?.textContent).toContain('结案满 3 年');
    expect(el.querySelector('[data-testid="seal-retention"]')?.textContent).toContain('结案档案封存');
    const card = el.querySelector('[data-testid="seal-request"]')!;
    expect(card.textContent).toContain('办案需要');
    expect(card.textContent).toContain('待审批');
    expect(card.textContent).toContain('****1234');
    expect(card.textContent).not.toContain('case_investigation');
    // Not the caller's to decide (their own): no buttons, the waiting words instead.
    expect(card.querySelector('[data-testid="seal-approve"]')).toBeNull();
    expect(card.querySelector('[data-testid="seal-waiting"]')?.textContent).toContain('等待另一位管理员审批');
  });

  it('lets a second administrator approve after a confirmation naming the basis and the days', async () => {
    const { fixture, el } = render([request({ mayDecide: true })]);
    (el.querySelector('[data-testid="seal-approve"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
    const text = document.querySelector('[data-testid="seal-confirm-text"]')?.textContent ?? '';
    expect(text).toContain('办案需要');
    expect(text).toContain('30 天');
    (document.querySelector('[data-testid="seal-confirm"]') as HTMLButtonElement).click();
    expect(decided).toEqual([{ id: 'r1', decision: 'approved' }]);
  });

  it('pages the requests: the total, and another page asked of the server', () => {
    const first = Array.from({ length: 20 }, (_, i) => request({ id: `r${i}`, state: 'rejected', identityTail: String(1000 + i) }));
    const { fixture, el } = render(first, 45, [request({ id: 'p2', state: 'approved', identityTail: '9999' })]);
    expect(asked).toEqual([{ page: 1, pageSize: 20 }]);
    expect(el.querySelectorAll('[data-testid="seal-request"]')).toHaveLength(20);
    expect(el.querySelector('[data-testid="seal-requests-total"]')?.textContent).toContain('共 45 条');
    const two = el.querySelector('[data-testid="seal-requests-pager"] li[title="2"]') as HTMLElement;
    expect(two).not.toBeNull();
    two.click();
    fixture.detectChanges();
    expect(asked).toEqual([
      { page: 1, pageSize: 20 },
      { page: 2, pageSize: 20 },
    ]);
    const cards = el.querySelectorAll('[data-testid="seal-request"]');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.textContent).toContain('****9999');
  });

  it('shows no pager when every request fits on one page', () => {
    const { el } = render([request({})]);
    expect(el.querySelector('[data-testid="seal-requests-pager"]')).toBeNull();
    expect(el.querySelector('[data-testid="seal-requests-total"]')?.textContent).toContain('共 1 条');
  });
});
