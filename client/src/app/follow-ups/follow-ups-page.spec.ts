import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { Subject, of } from 'rxjs';
import { AuthStore } from '../core/auth/auth-store';
import { I18n } from '../core/i18n/i18n';
import { FollowUpsApi, type FollowUpPageDto, type FollowUpVisitDto } from './follow-ups-api';
import { FollowUpsPage } from './follow-ups-page';
import { VisitOutbox } from './visit-outbox';

const visit = (id: string): FollowUpVisitDto =>
  ({
    id,
    traineeName: `学员${id}`,
    traineePhone: null,
    stationName: '海口市美兰区社区康复站',
    monthsAfter: 1,
    dueOn: '2026-11-01',
    daysOverdue: 0,
    state: 'done',
    escalated: false,
  }) as FollowUpVisitDto;

const page = (ids: string[], nextCursor: string | null, total = 3, totalCapped = false): FollowUpPageDto => ({
  items: ids.map(visit),
  total,
  totalCapped,
  page: 1,
  pageSize: 100,
  nextCursor,
});

describe('FollowUpsPage', () => {
  let calls: { view: string; after?: string }[];
  let answers: FollowUpPageDto[];
  let role: string;

  beforeEach(() => {
    localStorage.clear();
    calls = [];
    answers = [];
    role = 'counsellor';
    const list = (view: string, after?: string) => {
      calls.push(after ? { view, after } : { view });
      return of(answers.shift()!);
    };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIconsTesting(),
        provideRouter([]),
        { provide: FollowUpsApi, useValue: { list } },
        { provide: AuthStore, useValue: { role: () => role, user: signal(null) } },
        {
          provide: VisitOutbox,
          useValue: {
            pending: signal([]),
            lastSent: signal(null),
            results: new Subject(),
            flush: () => Promise.resolve({ sent: 0, refused: 0, left: 0 }),
          },
        },
      ],
    });
  });

  const cards = (el: HTMLElement) => el.querySelectorAll('[data-testid="visit"]').length;
  const text = (el: HTMLElement, id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim();

  it('loads more visits after the last one by the cursor, below those shown, until there are no more', () => {
    answers.push(page(['a', 'b'], 'CUR1'), page(['c'], null));
    const fixture = TestBed.createComponent(FollowUpsPage);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(cards(el)).toBe(2);
    expect(text(el, 'visits-shown')).toBe('已显示 2 条，共 3 条');
    (el.querySelector('[data-testid="visits-more"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(calls).toEqual([{ view: 'due' }, { view: 'due', after: 'CUR1' }]);
    expect(cards(el)).toBe(3);
    expect(el.querySelector('[data-testid="visits-more"]')).toBeNull();
  });

  it('says 10,000+ when the server stopped counting', () => {
    answers.push(page(['a'], 'CUR1', 10_000, true));
    const fixture = TestBed.createComponent(FollowUpsPage);
    fixture.detectChanges();
    expect(text(fixture.nativeElement as HTMLElement, 'visits-shown')).toBe('已显示 1 条，共 10,000+ 条');
  });

  it('names each visit’s station for an admin (the overdue list across the province), in zh and en', async () => {
    role = 'admin';
    const late = (id: string, station: string): FollowUpVisitDto => ({
      ...visit(id),
      state: 'planned',
      daysOverdue: 12,
      stationName: station,
    });
    answers.push({ ...page([], null, 2), items: [late('a', '海口市美兰区社区康复站'), late('b', '三亚市吉阳区社区康复站')] });
    const fixture = TestBed.createComponent(FollowUpsPage);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const stations = () =>
      [...el.querySelectorAll('[data-testid="visit"] [data-testid="visit-station"]')].map((e) => e.textContent?.trim());
    expect(stations()).toEqual(['所属康复站：海口市美兰区社区康复站', '所属康复站：三亚市吉阳区社区康复站']);
    await TestBed.inject(I18n).setLang('en');
    fixture.detectChanges();
    expect(stations()).toEqual(['Station: 海口市美兰区社区康复站', 'Station: 三亚市吉阳区社区康复站']);
  });

  it('a station’s own counsellor is not told their own station on every card', () => {
    answers.push(page(['a', 'b'], null, 2));
    const fixture = TestBed.createComponent(FollowUpsPage);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(cards(el)).toBe(2);
    expect(el.querySelector('[data-testid="visit-station"]')).toBeNull();
  });
});
