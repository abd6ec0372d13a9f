import { TestBed } from '@angular/core/testing';
import type { GraduationAuditDto } from '../learning-types';
import { AuditView } from './audit-view';

const AUDIT: GraduationAuditDto = {
  enrolmentId: 'e1',
  traineeName: '李明',
  programmeName: '中餐烹饪',
  requiredCredits: 40,
  earnedCredits: 30,
  units: [
    { unitId: 'u1', name: '烹饪原料知识', credits: 6, score: 86, passed: true },
    { unitId: 'u2', name: '中式烹调技艺', credits: 10, score: 78, passed: true },
    { unitId: 'u3', name: '中式面点技艺', credits: 8, score: 91, passed: true },
    { unitId: 'u4', name: '食品安全与营养', credits: 6, score: 72, passed: true },
    { unitId: 'u5', name: '厨房管理', credits: 6, score: 52, passed: false },
    { unitId: 'u6', name: '职业道德与法律', credits: 4, score: null, passed: false },
    { unitId: 'u7', name: '语文', credits: 4, score: null, passed: false },
  ],
  missing: ['厨房管理', '职业道德与法律', '语文'],
  eligible: false,
  attendanceRate: 92.5,
};

describe('AuditView', () => {
  beforeEach(() => localStorage.clear());

  async function render(audit: GraduationAuditDto, audience: 'trainee' | 'staff') {
    const fixture = TestBed.createComponent(AuditView);
    fixture.componentRef.setInput('audit', audit);
    fixture.componentRef.setInput('audience', audience);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists the missing units in plain words, with credits earned against required', async () => {
    const root = await render(AUDIT, 'trainee');
    expect(root.querySelector('[data-testid="audit-credits"]')?.textContent).toContain('已获得 30 / 40 学分');
    expect(root.querySelector('[data-testid="audit-verdict"]')?.textContent).toContain('还差 10 学分');
    expect(root.querySelector('[data-testid="audit-missing"]')?.textContent?.trim()).toBe(
      '你还需要通过这些课：厨房管理、职业道德与法律、语文',
    );
    expect(root.querySelector('[data-testid="audit-attendance"]')?.textContent).toContain('92.5%');
  });

  it('tells a failed unit from one not graded yet', async () => {
    const root = await render(AUDIT, 'staff');
    const line = (name: string) => root.querySelector(`[data-unit="${name}"]`)?.textContent ?? '';
    expect(line('厨房管理')).toContain('52 分，未通过');
    expect(line('语文')).toContain('还没有成绩');
    expect(line('烹饪原料知识')).toContain('86 分，通过');
    expect(root.querySelector('[data-testid="audit-missing"]')?.textContent).toContain('还需通过：厨房管理');
  });

  it('says when the credits are enough, and lists nothing missing', async () => {
    const done: GraduationAuditDto = {
      ...AUDIT,
      earnedCredits: 44,
      eligible: true,
      missing: [],
      units: AUDIT.units.map((u) => ({ ...u, score: 80, passed: true })),
    };
    const root = await render(done, 'trainee');
    expect(root.querySelector('[data-testid="audit-missing"]')).toBeNull();
    expect(root.querySelector('[data-testid="audit-verdict"]')?.textContent).toContain('学分已经够了');
  });
});
