import { addYears, evaluate, type LimitRule, mergeLimits, prefixCovers, prefixesOf, type ReleaseFacts } from './job-limits.rules';

const driving: LimitRule = {
  id: 'drive',
  occupationPrefix: '4-02-02-01',
  kind: 'waiting_period',
  waitingYears: 3,
  duringSupervision: true,
};
const guard: LimitRule = { id: 'guard', occupationPrefix: '4-07-05-01', kind: 'barred', waitingYears: null, duringSupervision: false };
const five: LimitRule = { id: 'five', occupationPrefix: '4-02', kind: 'waiting_period', waitingYears: 5, duringSupervision: false };

const TODAY = '2026-12-05';
const person = (p: Partial<ReleaseFacts>): ReleaseFacts => ({
  id: 'p',
  state: 'released',
  releasedOn: null,
  expectedReleaseOn: '2026-01-01',
  ...p,
});

describe('job limit rules (pure)', () => {
  it('matches prefixes at segment boundaries only', () => {
    expect(prefixCovers('4-02', '4-02-02-01')).toBe(true);
    expect(prefixCovers('4-02-02-01', '4-02-02-01')).toBe(true);
    expect(prefixCovers('4-0', '4-02-02-01')).toBe(false);
    expect(prefixesOf('4-02-02-01')).toEqual(['4', '4-02', '4-02-02', '4-02-02-01']);
  });

  it('merges to the strictest: barred beats years, the longest period wins, supervision if any says so', () => {
    expect(mergeLimits([])).toEqual({ barred: false, waitingYears: null, duringSupervision: false });
    expect(mergeLimits([driving, five])).toEqual({ barred: false, waitingYears: 5, duringSupervision: true });
    expect(mergeLimits([driving, guard]).barred).toBe(true);
  });

  it('adds calendar years, never short on 29 February', () => {
    expect(addYears('2023-12-05', 3)).toBe('2026-12-05');
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
  });

  it('no rule: eligible', () => {
    expect(evaluate([], person({ state: 'admitted' }), TODAY)).toEqual({ eligible: true, from: null, whileSupervised: false, ruleIds: [] });
  });

  it('driving: released 1, 2 years ago waits; 4 years ago may; the exact day counts', () => {
    expect(evaluate([driving], person({ releasedOn: '2025-12-05' }), TODAY)).toMatchObject({ eligible: false, from: '2028-12-05' });
    expect(evaluate([driving], person({ releasedOn: '2024-12-05' }), TODAY)).toMatchObject({ eligible: false, from: '2027-12-05' });
    expect(evaluate([driving], person({ releasedOn: '2022-12-05' }), TODAY)).toEqual({
      eligible: true,
      from: '2025-12-05',
      whileSupervised: false,
      ruleIds: [],
    });
    expect(evaluate([driving], person({ releasedOn: '2023-12-05' }), TODAY).eligible).toBe(true);
    expect(evaluate([driving], person({ releasedOn: '2023-12-06' }), TODAY).eligible).toBe(false);
  });

  it('driving: under community rehabilitation is never eligible, however long ago the release', () => {
    const e = evaluate([driving], person({ state: 'community', releasedOn: '2020-01-01' }), TODAY);
    expect(e).toEqual({ eligible: false, from: '2023-01-01', whileSupervised: true, ruleIds: ['drive'] });
  });

  it('not yet released: counted from the expected release, and held while inside', () => {
    const e = evaluate([driving], person({ state: 'pre_release', expectedReleaseOn: '2027-01-10' }), TODAY);
    expect(e).toEqual({ eligible: false, from: '2030-01-10', whileSupervised: true, ruleIds: ['drive'] });
    // A rule without supervision still waits from the expected release.
    expect(evaluate([five], person({ state: 'admitted', expectedReleaseOn: '2027-01-10' }), '2031-01-10').eligible).toBe(false);
    expect(evaluate([five], person({ state: 'admitted', expectedReleaseOn: '2027-01-10' }), '2032-01-10').eligible).toBe(true);
  });

  it('barred: never eligible, no date', () => {
    for (const p of [person({ releasedOn: '2010-01-01' }), person({ state: 'admitted' })]) {
      expect(evaluate([guard], p, TODAY)).toEqual({ eligible: false, from: null, whileSupervised: false, ruleIds: ['guard'] });
    }
  });
});
