import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { GraduationAuditDto, UnitDto } from '../../learning-types';
import { GradeGrid, type GradeRow, parseScore } from './grade-grid';

const UNITS: UnitDto[] = [
  { id: 'u1', name: '烹饪原料知识', credits: 6 },
  { id: 'u2', name: '厨房管理', credits: 6 },
];
const ROWS: GradeRow[] = [
  { traineeId: 't1', traineeName: '李明', scores: { u1: 86, u2: null }, earnedCredits: 6 },
  { traineeId: 't2', traineeName: '张强', scores: { u1: null, u2: null }, earnedCredits: 0 },
];
const AUDIT: GraduationAuditDto = {
  enrolmentId: 'e1',
  traineeName: '李明',
  programmeName: '中餐烹饪',
  requiredCredits: 12,
  earnedCredits: 12,
  units: [
    { unitId: 'u1', name: '烹饪原料知识', credits: 6, score: 86, passed: true },
    { unitId: 'u2', name: '厨房管理', credits: 6, score: 75, passed: true },
  ],
  missing: [],
  eligible: true,
  attendanceRate: null,
};

describe('GradeGrid', () => {
  let httpMock: HttpTestingController;
  let fixture: ComponentFixture<GradeGrid>;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    httpMock = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(GradeGrid);
    fixture.componentRef.setInput('classId', 'class-1');
    fixture.componentRef.setInput('units', UNITS);
    fixture.componentRef.setInput('rows', ROWS);
    fixture.componentRef.setInput('requiredCredits', 12);
    await fixture.whenStable();
  });

  afterEach(() => httpMock.verify());

  const root = () => fixture.nativeElement as HTMLElement;
  const cell = (trainee: string, unit: string) => {
    const el = root().querySelector<HTMLInputElement>(`[data-testid="grade-cell"][data-trainee="${trainee}"][data-unit="${unit}"]`);
    if (!el) throw new Error(`no cell ${trainee}/${unit}`);
    return el;
  };
  async function typeAndLeave(el: HTMLInputElement, value: string): Promise<void> {
    el.value = value;
    el.dispatchEvent(new Event('input'));
    el.dispatchEvent(new Event('change'));
    await fixture.whenStable();
  }

  it('shows the scores recorded so far, trainees by units', () => {
    expect(cell('t1', 'u1').value).toBe('86');
    expect(cell('t1', 'u2').value).toBe('');
    expect(root().querySelectorAll('[data-testid="grade-cell"]').length).toBe(4);
    expect(root().textContent).toContain('厨房管理');
  });

  it('saves a score to the class grades URL when the teacher leaves the cell, and passes the new audit up', async () => {
    const graded: { traineeId: string; audit: GraduationAuditDto }[] = [];
    fixture.componentInstance.graded.subscribe((e) => graded.push(e));

    await typeAndLeave(cell('t1', 'u2'), '75');
    const req = httpMock.expectOne('/api/classes/class-1/grades');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ traineeId: 't1', unitId: 'u2', score: 75 });
    req.flush(AUDIT);
    await fixture.whenStable();

    expect(graded).toEqual([{ traineeId: 't1', audit: AUDIT }]);
    expect(cell('t1', 'u2').getAttribute('data-status')).toBe('saved');
    expect(root().querySelector('[data-testid="grade-status"]')?.textContent).toContain('已保存：李明 · 厨房管理 75 分');
  });

  it('refuses scores outside 0–100 (and non-numbers) without calling the server', async () => {
    for (const bad of ['101', '-5', '8.5', 'abc']) {
      await typeAndLeave(cell('t2', 'u1'), bad);
      expect(cell('t2', 'u1').getAttribute('data-status')).toBe('invalid');
      expect(cell('t2', 'u1').getAttribute('aria-invalid')).toBe('true');
    }
    httpMock.expectNone('/api/classes/class-1/grades');
    expect(root().querySelector('[data-testid="grade-status"]')?.textContent).toContain('0–100');
  });

  it('accepts the edges 0 and 100', async () => {
    await typeAndLeave(cell('t2', 'u1'), '0');
    httpMock.expectOne('/api/classes/class-1/grades').flush({ ...AUDIT, enrolmentId: 'e2' });
    await typeAndLeave(cell('t2', 'u2'), '100');
    const req = httpMock.expectOne('/api/classes/class-1/grades');
    expect(req.request.body).toEqual({ traineeId: 't2', unitId: 'u2', score: 100 });
    req.flush({ ...AUDIT, enrolmentId: 'e2' });
  });

  it('does not save a score that did not change', async () => {
    await typeAndLeave(cell('t1', 'u1'), '86');
    httpMock.expectNone('/api/classes/class-1/grades');
  });

  it('saves a whole row with its save button', async () => {
    const u1 = cell('t2', 'u1');
    const u2 = cell('t2', 'u2');
    for (const [el, value] of [
      [u1, '61'],
      [u2, '59'],
    ] as const) {
      el.value = value;
      el.dispatchEvent(new Event('input'));
    }
    await fixture.whenStable();
    const rowSave = root().querySelectorAll<HTMLButtonElement>('[data-testid="grade-row-save"]')[1]!;
    rowSave.click();
    const requests = httpMock.match('/api/classes/class-1/grades');
    expect(requests.map((r) => r.request.body as unknown)).toEqual([
      { traineeId: 't2', unitId: 'u1', score: 61 },
      { traineeId: 't2', unitId: 'u2', score: 59 },
    ]);
    for (const r of requests) r.flush({ ...AUDIT, enrolmentId: 'e2' });
  });
});

describe('parseScore', () => {
  it('takes whole points from 0 to 100', () => {
    expect(parseScore('0')).toBe(0);
    expect(parseScore(' 100 ')).toBe(100);
    expect(parseScore('')).toBe('empty');
    expect(parseScore('101')).toBe('invalid');
    expect(parseScore('7.5')).toBe('invalid');
    expect(parseScore('-1')).toBe('invalid');
  });
});
