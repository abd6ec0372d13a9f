import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { organisationsControllerGet } from '../../core/api/generated/fn/organisations/organisations-controller-get';
import { todayControllerGet } from '../../core/api/generated/fn/today/today-controller-get';
import type { TodayDto } from '../../core/api/generated/models/today-dto';
import { AuthStore } from '../../core/auth/auth-store';
import { HomeStore } from '../home-store';
import { InstructorHome } from './instructor-home';

const INSTRUCTOR: TodayDto = {
  kind: 'instructor',
  today: '2026-12-05',
  station: null,
  facility: null,
  instructor: { sessionsToday: 3, attendanceMissing: 1, approvalsWaiting: 2 },
  admin: null,
};

describe('the instructor home', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIconsTesting(),
        HomeStore,
        {
          provide: AuthStore,
          useValue: { user: signal({ id: 'u-9', role: 'instructor', organisationId: 'org-9', displayName: '李老师' }) },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(InstructorHome);
    fixture.detectChanges();
    http
      .expectOne((r) => r.url === organisationsControllerGet.PATH.replace('{id}', 'org-9'))
      .flush({ id: 'org-9', name: '海南省第一强制隔离戒毒所', type: 'facility' });
    http.expectOne((r) => r.url === todayControllerGet.PATH).flush(INSTRUCTOR);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const card = (root: HTMLElement, id: string) => root.querySelector<HTMLAnchorElement>(`[data-testid="${id}"]`)!;

  it('shows each count as a big number', async () => {
    const root = await render();
    const counts = { 'today-sessions': '3', 'today-attendance': '1', 'today-approvals': '2' };
    for (const [id, n] of Object.entries(counts)) {
      expect(card(root, id).querySelector('[data-testid="today-count"]')?.textContent?.trim()).toBe(n);
    }
    expect(root.textContent).toContain('待点名');
  });

  it('each card opens the teaching page at the part it counts', async () => {
    const root = await render();
    const opens = {
      'today-sessions': { show: 'today' },
      'today-attendance': { show: 'attendance' },
      'today-approvals': { show: 'approvals' },
    };
    for (const [id, query] of Object.entries(opens)) {
      const href = new URL(card(root, id).href);
      expect([id, href.pathname]).toEqual([id, '/teaching']);
      expect([id, Object.fromEntries(href.searchParams)]).toEqual([id, query]);
    }
    // The page's own button still opens all of it.
    expect(new URL(card(root, 'open-teaching').href).search).toBe('');
  });
});
