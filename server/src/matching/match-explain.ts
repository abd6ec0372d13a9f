import { SKILL_LEVELS } from '../reference/data/divisions';
import type { ScorePartDto } from './dto/matching.dto';
import { SCORE_PARTS, type ScorePart, type Weights } from './matching.entities';
import type { MatchRow, TraineeFacts } from './matching.repository';

/** Words for each part of a score and for what an order asks that a trainee lacks (pure: unit-tested). */
const levelName = (level: number | null) => SKILL_LEVELS.find((l) => l.level === level)?.name ?? '';
export const num = (v: string | number) => Number(v);

/** Why each part scored what it did, in the words a counsellor would use. */
export function reasons(r: MatchRow): Record<ScorePart, [string, string]> {
  const need = r.required_level ? `${r.occupation_name}${levelName(r.required_level)}` : r.occupation_name;
  const certificate: [string, string] =
    r.cert_level === null
      ? r.required_level
        ? [`没有${need}证书（订单要求）`, `No ${r.occupation_name} certificate (required, level ${r.required_level})`]
        : [`没有${r.occupation_name}证书（订单不强制）`, `No ${r.occupation_name} certificate (not required)`]
      : r.required_level === null || r.cert_level <= r.required_level
        ? [`持有${r.occupation_name}${levelName(r.cert_level)}证书`, `Holds ${r.occupation_name} level ${r.cert_level}`]
        : [
            `持有${levelName(r.cert_level)}证书，低于要求的${levelName(r.required_level)}`,
            `Level ${r.cert_level}, below the required ${r.required_level}`,
          ];
  const division: Record<MatchRow['div_rel'], [string, string]> = {
    same: [`家在或愿去${r.order_division_name}`, `Lives in or prefers ${r.order_division_name}`],
    near: [`家在${r.home_division_name}，与${r.order_division_name}相邻`, `Home ${r.home_division_name} borders ${r.order_division_name}`],
    move: ['离家较远，但愿意住在单位且单位提供住宿', 'Far from home, but willing to live on site and lodging is provided'],
    far: [`家在${r.home_division_name}，离工作地较远`, `Home ${r.home_division_name} is far from the workplace`],
  };
  const lodgingProvided = r.board_and_lodging === 'lodging' || r.board_and_lodging === 'both';
  return {
    certificate,
    training: r.order_class
      ? ['本订单的订单班学员', 'In this order’s 订单班']
      : r.in_training
        ? [`正在学${r.occupation_name}课程`, `Studying a ${r.occupation_name} course`]
        : ['没有在学相关课程', 'No related course in progress'],
    diploma: r.has_diploma
      ? ['已取得中专文凭', 'Holds a 中专 diploma']
      : r.diploma_wanted
        ? ['订单要求中专文凭，尚未取得', 'The order wants a diploma; none yet']
        : ['订单不要求文凭', 'No diploma needed'],
    division: division[r.div_rel],
    lodging:
      r.willing_to_live_on_site === null
        ? ['未登记是否愿意住单位', 'Not recorded whether they would live on site']
        : r.willing_to_live_on_site
          ? lodgingProvided
            ? ['愿意住单位，单位提供住宿', 'Would live on site; lodging provided']
            : ['愿意住单位，但单位不提供住宿', 'Would live on site; no lodging offered']
          : ['不需要住宿', 'Does not need lodging'],
    wage:
      r.wage_expectation === null || r.wage_max === null
        ? ['工资期望或工资范围未填写', 'Wage expectation or range not given']
        : r.wage_expectation <= r.wage_max
          ? [
              `期望 ${r.wage_expectation} 元，在范围内（最高 ${r.wage_max}）`,
              `Expects ${r.wage_expectation}, within the range (up to ${r.wage_max})`,
            ]
          : [`期望 ${r.wage_expectation} 元，高于最高 ${r.wage_max} 元`, `Expects ${r.wage_expectation}, above the ${r.wage_max} maximum`],
    industry:
      r.preferred_industries.length === 0
        ? ['没有填写意向行业', 'No preferred industry given']
        : r.industry_match
          ? [`意向行业（${r.preferred_industries.join('、')}）相符`, `Preferred industry matches (${r.preferred_industries.join(', ')})`]
          : [`意向行业是${r.preferred_industries.join('、')}`, `Prefers ${r.preferred_industries.join(', ')}`],
    readiness:
      r.ready === null
        ? ['辅导员尚未评估就业准备情况', 'No readiness note yet']
        : r.ready
          ? [
              `辅导员评估：可以上岗${r.readiness_note ? `（${r.readiness_note}）` : ''}`,
              `Counsellor: ready${r.readiness_note ? ` (${r.readiness_note})` : ''}`,
            ]
          : [`辅导员评估：暂不适合上岗${r.readiness_note ? `（${r.readiness_note}）` : ''}`, `Counsellor: not ready yet`],
  };
}

export function partsOf(r: MatchRow, w: Weights): ScorePartDto[] {
  const why = reasons(r);
  return SCORE_PARTS.map((key) => {
    const value = num(r[`p_${key}`]);
    return { key, weight: w[key], value, points: Math.round(value * w[key] * 10) / 10, reason: why[key][0], reasonEn: why[key][1] };
  });
}

/** What the order asks for that the trainee lacks. */
export function missingOf(r: MatchRow): string[] {
  const out: string[] = [];
  if (r.required_level && (r.cert_level === null || r.cert_level > r.required_level))
    out.push(`${r.occupation_name}${levelName(r.required_level)}或以上证书`);
  if (r.diploma_wanted && !r.has_diploma) out.push('中专文凭');
  if (r.state !== 'released' && r.state !== 'community' && r.expected_release_on > r.start_date)
    out.push(`${r.start_date} 前出所（预计 ${r.expected_release_on}）`);
  return out;
}

/**
 * The highest score a trainee can reach without a certificate in the order's occupation, a course in
 * progress toward it, a seat in its order class or a counsellor's "ready" note — every other part at
 * its best (rounded as scores are).
 * With `sameDivision: false`, also without living in or preferring the order's division (so the division
 * part is at most "neighbouring", 0.6). A candidate scoring above the ceiling outranks every such trainee
 * for certain: this is what lets the ranking score only the few who can still make the page.
 * Must mirror PARTS in matching.repository.ts.
 */
export function ceilingOutside(weights: Weights, requiredLevel: number | null, sameDivision = true): number {
  const best: Record<ScorePart, number> = {
    certificate: requiredLevel === null ? 0.3 : 0,
    training: 0,
    diploma: 1,
    division: sameDivision ? 1 : 0.6,
    lodging: 1,
    wage: 1,
    industry: 1,
    // No note: 0.5. Those marked ready are few, and always scored (they are in the first tier).
    readiness: 0.5,
  };
  const sum = SCORE_PARTS.reduce((n, p) => n + best[p] * weights[p], 0);
  return Math.round(sum * 10) / 10;
}

/**
 * The highest score one trainee can reach on an order outside a tier of `ordersForTrainee`: not in an
 * occupation they hold a certificate in or train for, nor one whose order class they sit in (so no
 * certificate and no training part); with `divisions: 'not-same'`, also not in their home or preferred
 * divisions (the division part at most "neighbouring", 0.6); with 'far', not in a neighbouring one
 * either. What depends on the trainee alone (diploma,
 * industry preference, readiness, lodging and wage given or not) is taken as it is; everything the order
 * decides at its best. Must mirror PARTS in matching.repository.ts.
 */
export function ceilingOutsideOrders(
  weights: Weights,
  t: Pick<TraineeFacts, 'has_diploma' | 'willing_to_live_on_site' | 'wage_expectation' | 'industry_known' | 'ready'>,
  divisions: 'any' | 'not-same' | 'far' = 'any',
): number {
  // Outside the home, preferred and neighbouring divisions an order is "far", unless the trainee would move (0.4).
  const division = { any: 1, 'not-same': 0.6, far: t.willing_to_live_on_site ? 0.4 : 0 }[divisions];
  const best: Record<ScorePart, number> = {
    // No certificate in the order's occupation: 0.3 when the order requires no level.
    certificate: 0.3,
    training: 0,
    diploma: t.has_diploma ? 1 : 0.5,
    division,
    lodging: t.willing_to_live_on_site === null ? 0.5 : 1,
    wage: t.wage_expectation === null ? 0.5 : 1,
    industry: t.industry_known ? 1 : 0.5,
    readiness: t.ready === null ? 0.5 : t.ready ? 1 : 0,
  };
  const sum = SCORE_PARTS.reduce((n, p) => n + best[p] * weights[p], 0);
  return Math.round(sum * 10) / 10;
}
