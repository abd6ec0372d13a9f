import type { Weights } from './matching.entities';
import { ceilingOutside, ceilingOutsideOrders, missingOf, partsOf } from './match-explain';
import type { MatchRow } from './matching.repository';

const W: Weights = { certificate: 30, training: 10, diploma: 10, division: 20, lodging: 5, wage: 10, industry: 5, readiness: 10 };

const row = (over: Partial<MatchRow> = {}): MatchRow => ({
  trainee_id: 't',
  full_name: '王测',
  organisation_name: '一所',
  home_division_name: '澄迈县',
  state: 'pre_release',
  expected_release_on: '2027-03-01',
  released_on: null,
  order_id: 'o',
  order_title: '热菜厨师',
  employer_name: '椰风酒店',
  occupation_name: '中式烹调师',
  order_division_name: '海口市',
  required_level: 5,
  diploma_wanted: true,
  board_and_lodging: 'both',
  wage_min: 4000,
  wage_max: 6000,
  start_date: '2027-02-01',
  cert_level: null,
  in_training: true,
  order_class: false,
  has_diploma: false,
  div_rel: 'near',
  willing_to_live_on_site: true,
  wage_expectation: 7000,
  preferred_industries: ['餐饮'],
  industry_known: true,
  industry_match: true,
  ready: null,
  readiness_note: null,
  placement_state: null,
  p_certificate: '0',
  p_training: '0.8',
  p_diploma: '0',
  p_division: '0.6',
  p_lodging: '1',
  p_wage: '0.4',
  p_industry: '1',
  p_readiness: '0.5',
  score: '35',
  ...over,
});

describe('match explanations', () => {
  it('gives every part its weight, points and a reason a counsellor can read', () => {
    const parts = partsOf(row(), W);
    expect(parts.map((p) => p.key)).toEqual(['certificate', 'training', 'diploma', 'division', 'lodging', 'wage', 'industry', 'readiness']);
    expect(parts.find((p) => p.key === 'training')).toMatchObject({ weight: 10, value: 0.8, points: 8, reason: '正在学中式烹调师课程' });
    expect(parts.find((p) => p.key === 'division')!.reason).toBe('家在澄迈县，与海口市相邻');
    expect(parts.find((p) => p.key === 'wage')!.reason).toContain('高于最高 6000 元');
    expect(parts.find((p) => p.key === 'certificate')!.reason).toContain('没有中式烹调师五级证书');
    expect(parts.reduce((s, p) => s + p.points, 0)).toBeCloseTo(0 + 8 + 0 + 12 + 5 + 4 + 5 + 5);
  });

  it('names what is missing: the certificate level, the diploma, a release after the start', () => {
    expect(missingOf(row())).toEqual(['中式烹调师五级或以上证书', '中专文凭', '2027-02-01 前出所（预计 2027-03-01）']);
    expect(missingOf(row({ cert_level: 4, has_diploma: true, state: 'released' }))).toEqual([]);
    // A certificate below the required level (五级 held, 四级 wanted) still counts as missing.
    expect(missingOf(row({ required_level: 4, cert_level: 5, has_diploma: true, state: 'community' }))).toEqual([
      '中式烹调师四级或以上证书',
    ]);
  });
});

describe('ceilingOutside', () => {
  const w = { certificate: 30, training: 10, diploma: 10, division: 20, lodging: 5, wage: 10, industry: 5, readiness: 10 };

  it('is every part at its best but the occupation-bound ones and a readiness note', () => {
    expect(ceilingOutside(w, 4)).toBe(55);
    // No level required: a trainee without the certificate still gets 0.3 of its weight.
    expect(ceilingOutside(w, null)).toBe(64);
  });

  it('without the division either, the division part is at most "neighbouring"', () => {
    expect(ceilingOutside(w, 4, false)).toBe(47);
    expect(ceilingOutside(w, null, false)).toBe(56);
  });

  it('follows the weights', () => {
    expect(ceilingOutside({ ...w, division: 0, certificate: 1 }, null)).toBe(35.3);
  });
});

describe('ceilingOutsideOrders', () => {
  const w = { certificate: 30, training: 10, diploma: 10, division: 20, lodging: 5, wage: 10, industry: 5, readiness: 10 };
  const plain = { has_diploma: false, willing_to_live_on_site: null, wage_expectation: null, industry_known: false, ready: null };

  it('takes what the trainee alone decides as it is, and the rest at its best without certificate or course', () => {
    // 0.3·30 + 0 + 0.5·10 + 1·20 + 0.5·5 + 0.5·10 + 0.5·5 + 0.5·10
    expect(ceilingOutsideOrders(w, plain)).toBe(49);
    const keen = { has_diploma: true, willing_to_live_on_site: false, wage_expectation: 4000, industry_known: true, ready: true };
    // 9 + 0 + 10 + 20 + 5 + 10 + 5 + 10
    expect(ceilingOutsideOrders(w, keen)).toBe(69);
    expect(ceilingOutsideOrders(w, { ...plain, ready: false })).toBe(44);
  });

  it('outside the home and preferred divisions the division part is at most "neighbouring"; further out, "would move"', () => {
    expect(ceilingOutsideOrders(w, plain, 'not-same')).toBe(41);
    // Outside the neighbouring ones too: nothing, or 0.4 for a trainee who would live on site.
    expect(ceilingOutsideOrders(w, plain, 'far')).toBe(29);
    expect(ceilingOutsideOrders(w, { ...plain, willing_to_live_on_site: true }, 'far')).toBe(39.5);
    expect(ceilingOutsideOrders(w, { ...plain, willing_to_live_on_site: false }, 'far')).toBe(31.5);
  });
});
