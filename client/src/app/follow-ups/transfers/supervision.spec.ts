import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { of } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { TraineeFileStore } from '../../trainees/file/trainee-file-store';
import { MyOrganisation } from '../../trainees/my-organisation';
import { daysSince } from '../lost-contacts/lost-contacts-page';
import { type StationTransferDto, type StationTransferPageDto, SupervisionApi, type TransferQuery } from './supervision-api';
import { TransferCard } from './transfer-card';
import { TransfersPage } from './transfers-page';

const transfer = (id: string, patch: Partial<StationTransferDto> = {}): StationTransferDto => ({
  id,
  traineeId: `t-${id}`,
  traineeName: `学员${id}`,
  fromStationId: 'sanya',
  fromStationName: '三亚市社区康复站',
  toStationId: 'danzhou',
  toStationName: '儋州市社区康复站',
  reason: 'moved_home',
  note: null,
  state: 'requested',
  requestedAt: '2026-11-20T02:00:00Z',
  requestedByName: '王社工',
  decidedAt: null,
  decidedByName: null,
  rejectReason: null,
  side: 'receiver',
  ...patch,
});

const pageOf = (items: StationTransferDto[]): StationTransferPageDto => ({ items, total: items.length, page: 1, pageSize: 20 });

describe('supervision screens', () => {
  let queries: TransferQuery[];
  let calls: string[];
  let answer: StationTransferPageDto;

  const api = {
    transfers: (q: TransferQuery) => {
      queries.push(q);
      return of(answer);
    },
    accept: (id: string) => {
      calls.push(`accept ${id}`);
      return of(transfer(id, { state: 'accepted' }));
    },
    reject: (id: string, reason: string) => {
      calls.push(`reject ${id} ${reason}`);
      return of(transfer(id, { state: 'rejected' }));
    },
    cancel: (id: string) => {
      calls.push(`cancel ${id}`);
      return of(transfer(id, { state: 'cancelled' }));
    },
    openTransferOf: (id: string) => {
      calls.push(`openTransferOf ${id}`);
      return of(null);
    },
    openLostContactOf: (id: string) => {
      calls.push(`openLostContactOf ${id}`);
      return of(null);
    },
  };

  const setup = (orgType: 'community_station' | 'facility', role = 'counsellor') => {
    localStorage.clear();
    queries = [];
    calls = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIconsTesting(),
        provideRouter([]),
        { provide: SupervisionApi, useValue: api },
        { provide: AuthStore, useValue: { role: () => role, user: signal(null) } },
        { provide: MyOrganisation, useValue: { load: () => undefined, settled: () => true, type: () => orgType } },
      ],
    });
  };

  const testIds = (el: HTMLElement, id: string) => el.querySelectorAll(`[data-testid="${id}"]`);

  it('a station opens on incoming requests: states as words, accept and decline for the receiver, withdraw for the sender', async () => {
    setup('community_station');
    answer = pageOf([transfer('a'), transfer('b', { side: 'sender' }), transfer('c', { state: 'rejected', rejectReason: 'not_in_area' })]);
    const fixture = TestBed.createComponent(TransfersPage);
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(queries[0]).toMatchObject({ direction: 'incoming', state: null, page: 1 });
    const states = [...testIds(el, 'transfer-state')].map((s) => s.textContent?.trim());
    expect(states).toEqual(['待接收', '待接收', '已拒绝']);
    expect(el.textContent).toContain('不在本社区管辖范围');
    expect(el.textContent).not.toContain('not_in_area');
    expect(testIds(el, 'transfer-accept').length).toBe(1);
    expect(testIds(el, 'transfer-reject').length).toBe(1);
    expect(testIds(el, 'transfer-cancel').length).toBe(1);
  });

  it('accepting asks first, then calls the server and reloads', async () => {
    setup('community_station');
    answer = pageOf([transfer('a')]);
    const fixture = TestBed.createComponent(TransfersPage);
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    (testIds(el, 'transfer-accept')[0] as HTMLButtonElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(calls).toEqual([]);
    (document.querySelector('[data-testid="transfer-confirm"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(calls).toEqual(['accept a']);
    expect(queries.length).toBe(2);
  });

  it('a facility opens on its own requests', async () => {
    setup('facility');
    answer = pageOf([]);
    const fixture = TestBed.createComponent(TransfersPage);
    fixture.detectChanges();
    await fixture.whenStable();
    expect(queries[0]?.direction).toBe('outgoing');
  });

  for (const [label, orgType, state, readOnly, shown] of [
    ['a released person held by the station', 'community_station', 'released', false, true],
    ['a closed file', 'community_station', 'closed', false, false],
    ['a file another organisation holds', 'community_station', 'community', true, false],
    ['a facility file', 'facility', 'admitted', false, false],
  ] as const) {
    it(`the trainee file's card: ${label} → ${shown ? 'shown' : 'nothing'}`, async () => {
      setup(orgType);
      const trainee = signal({ data: { id: 'p1', state, readOnly, organisationId: 'sanya' }, loading: false, error: null });
      TestBed.configureTestingModule({ providers: [{ provide: TraineeFileStore, useValue: { trainee } }] });
      const fixture = TestBed.createComponent(TransferCard);
      fixture.componentRef.setInput('traineeId', 'p1');
      fixture.detectChanges();
      await fixture.whenStable();
      fixture.detectChanges();
      const el = fixture.nativeElement as HTMLElement;
      expect(testIds(el, 'transfer-card').length).toBe(shown ? 1 : 0);
      expect(calls.length).toBe(shown ? 2 : 0);
      if (shown) expect(testIds(el, 'card-start').length).toBe(1);
    });
  }

  it('counts whole calendar days since the case opened', () => {
    expect(daysSince('2026-11-01', '2026-12-05')).toBe(34);
    expect(daysSince('2026-12-05', '2026-12-05')).toBe(0);
  });
});
