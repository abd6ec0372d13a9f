import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { organisationsControllerGet } from '../../core/api/generated/fn/organisations/organisations-controller-get';
import { todayControllerGet } from '../../core/api/generated/fn/today/today-controller-get';
import { traineesControllerCaseloadSummary } from '../../core/api/generated/fn/trainees/trainees-controller-caseload-summary';
import type { TodayDto } from '../../core/api/generated/models/today-dto';
import { AuthStore } from '../../core/auth/auth-store';
import { CounsellorHome } from '../counsellor-home/counsellor-home';
import { HomeStore } from '../home-store';

const STATION: TodayDto = {
  kind: 'station',
  today: '2026-12-05',
  station: { visitsDueToday: 2, visitsOverdue: 3, handoversToAccept: 0, notReached: 1, transfersToAnswer: 0 },
  facility: null,
  instructor: null,
  admin: null,
};
const FACILITY: TodayDto = {
  ...STATION,
  kind: 'facility',
  station: null,
  facility: { releasesWithin30Days: 4, releasesMissingSomething: 1, handoversWaiting: 0, recommendationsAwaitingTrainee: 2 },
};

describe('the station home (a community station counsellor)', () => {
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
        { provide: AuthStore, useValue: { user: signal({ id: 'u-1', role: 'counsellor', organisationId: 'org-1', displayName: '王芳' }) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(today: TodayDto | 'error'): Promise<{ fixture: ComponentFixture<CounsellorHome>; root: HTMLElement }> {
    const fixture = TestBed.createComponent(CounsellorHome);
    fixture.detectChanges();
    http
      .expectOne((r) => r.url === organisationsControllerGet.PATH.replace('{id}', 'org-1'))
      .flush({ id: 'org-1', name: '海口市美兰区社区康复站', type: 'community_station' });
    const req = http.expectOne((r) => r.url === todayControllerGet.PATH);
    if (today === 'error') req.flush({ code: 'INTERNAL', message: 'boom' }, { status: 500, statusText: 'Server Error' });
    else req.flush(today);
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  const card = (root: HTMLElement, id: string) => root.querySelector<HTMLAnchorElement>(`[data-testid="${id}"]`)!;

  it('shows each count as a big number', async () => {
    const { root } = await render(STATION);
    expect(root.querySelector('[data-testid="today-station"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="today-facility"]')).toBeNull();
    const counts = {
      'today-visits-overdue': '3',
      'today-visits-due': '2',
      'today-handovers-accept': '0',
      'today-not-reached': '1',
      'today-transfers-answer': '0',
    };
    for (const [id, n] of Object.entries(counts)) {
      expect(card(root, id).querySelector('[data-testid="today-count"]')?.textContent?.trim()).toBe(n);
    }
    expect(root.textContent).toContain('逾期未回访');
    expect(root.textContent).toContain('海口市美兰区社区康复站');
  });

  it('shows zero calmly (muted, ✓ 都处理完了) and highlights the rest', async () => {
    const { root } = await render(STATION);
    const zero = card(root, 'today-handovers-accept');
    expect(zero.classList).toContain('is-zero');
    expect(zero.textContent).toContain('都处理完了');
    const overdue = card(root, 'today-visits-overdue');
    expect(overdue.classList).not.toContain('is-zero');
    expect(overdue.classList).toContain('is-urgent');
    expect(overdue.textContent).not.toContain('都处理完了');
  });

  it('each card opens the list it counts, with that list’s filters', async () => {
    const { root } = await render(STATION);
    const href = (id: string) => new URL(card(root, id).href);
    const overdue = href('today-visits-overdue');
    expect(overdue.pathname).toBe('/follow-ups');
    expect(Object.fromEntries(overdue.searchParams)).toEqual({ view: 'due', overdue: '1' });
    expect(Object.fromEntries(href('today-visits-due').searchParams)).toEqual({ view: 'due' });
    const handovers = href('today-handovers-accept');
    expect(handovers.pathname).toBe('/handovers');
    expect(Object.fromEntries(handovers.searchParams)).toEqual({ direction: 'incoming', state: 'sent' });
    expect(href('today-not-reached').pathname).toBe('/follow-ups/lost-contacts');
    const transfers = href('today-transfers-answer');
    expect(transfers.pathname).toBe('/follow-ups/transfers');
    expect(Object.fromEntries(transfers.searchParams)).toEqual({ direction: 'incoming', state: 'requested' });
  });

  it('reserves the cards’ places while loading, and shows a load error in place with a retry', async () => {
    const fixture = TestBed.createComponent(CounsellorHome);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('[data-testid="today-loading"]')).not.toBeNull();
    http
      .expectOne((r) => r.url === organisationsControllerGet.PATH.replace('{id}', 'org-1'))
      .flush({ id: 'org-1', name: 'x', type: 'community_station' });
    http.expectOne((r) => r.url === todayControllerGet.PATH).flush({}, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(root.querySelector('jbh-load-error')).not.toBeNull();
    expect(root.querySelector('[data-testid="today-loading"]')).toBeNull();
    root.querySelector<HTMLButtonElement>('jbh-load-error button')!.click();
    http.expectOne((r) => r.url === todayControllerGet.PATH).flush(STATION);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(root.querySelector('[data-testid="today-station"]')).not.toBeNull();
  });

  it('a facility counsellor gets the facility cards and the caseload strip instead', async () => {
    const { fixture, root } = await render(FACILITY);
    expect(root.querySelector('[data-testid="today-station"]')).toBeNull();
    expect(root.querySelector('[data-testid="today-facility"]')).not.toBeNull();
    http
      .expectOne((r) => r.url === traineesControllerCaseloadSummary.PATH)
      .flush({ total: 9, releasingWithin30Days: 4, byState: { admitted: 5, pre_release: 4 } });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(root.querySelector('[data-testid="caseload-total"]')?.textContent?.trim()).toBe('9');
    const recommended = new URL(card(root, 'today-recommendations').href);
    expect(recommended.pathname).toBe('/placements');
    expect(recommended.searchParams.get('state')).toBe('recommended');
    expect(new URL(card(root, 'today-releases-missing').href).pathname).toBe('/trainees/pre-release');
    const releasing = new URL(card(root, 'releasing-link').href);
    expect([releasing.pathname, Object.fromEntries(releasing.searchParams)]).toEqual(['/trainees', { state: 'pre_release' }]);
    const handovers = new URL(card(root, 'today-handovers-waiting').href);
    expect([handovers.pathname, Object.fromEntries(handovers.searchParams)]).toEqual([
      '/handovers',
      { direction: 'outgoing', state: 'sent' },
    ]);
  });
});
