import type { TraineeState } from '../trainees/trainee.entity';
import type { JobLimitKind } from './job-limit-rule.entity';

/** What evaluation needs of a rule. */
export interface LimitRule {
  id: string;
  occupationPrefix: string;
  kind: JobLimitKind;
  waitingYears: number | null;
  duringSupervision: boolean;
}

/** The limits on one occupation, merged over every active rule that matches it: the strictest wins. */
export interface OccupationLimits {
  barred: boolean;
  /** The longest waiting period in years after release, or null when no rule sets one. */
  waitingYears: number | null;
  /** Also limited while in the facility or under community rehabilitation. */
  duringSupervision: boolean;
}

/** An occupation no rule limits. */
export const NO_LIMITS: OccupationLimits = { barred: false, waitingYears: null, duringSupervision: false };

/** What evaluation needs of a person: no name, no identity. */
export interface ReleaseFacts {
  id: string;
  state: TraineeState;
  releasedOn: string | null;
  expectedReleaseOn: string;
}

export interface Eligibility {
  eligible: boolean;
  /** ISO date when the waiting period ends (or ended); null when barred or when no rule limits. */
  from: string | null;
  /** Not eligible before the community rehabilitation (or the stay in the facility) ends, whatever `from` says. */
  whileSupervised: boolean;
  /** The rules that limit the person on that date (empty when eligible). */
  ruleIds: string[];
}

/** A code is covered by a prefix when it is the prefix or continues it at a segment boundary. */
export const prefixCovers = (prefix: string, code: string): boolean => code === prefix || code.startsWith(`${prefix}-`);

/** Every prefix that could cover this code: `4-02-02-01` → `4`, `4-02`, `4-02-02`, `4-02-02-01`. */
export const prefixesOf = (code: string): string[] => {
  const parts = code.split('-');
  return parts.map((_, i) => parts.slice(0, i + 1).join('-'));
};

export const mergeLimits = (rules: readonly LimitRule[]): OccupationLimits => {
  const years = rules.filter((r) => r.kind === 'waiting_period' && r.waitingYears !== null).map((r) => r.waitingYears as number);
  return {
    barred: rules.some((r) => r.kind === 'barred'),
    waitingYears: years.length ? Math.max(...years) : null,
    duringSupervision: rules.some((r) => r.duringSupervision),
  };
};

/**
 * `iso` plus `years` calendar years. 29 February goes to 1 March of a common year: the later of the
 * two readings, so a waiting period is never counted short.
 */
export const addYears = (iso: string, years: number): string => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
};

const IN_FACILITY: readonly TraineeState[] = ['admitted', 'pre_release'];

/** Still in the facility, or under community rehabilitation (社区康复). */
export const isSupervised = (state: TraineeState): boolean => IN_FACILITY.includes(state) || state === 'community';

/**
 * The release the waiting period counts from: the actual release, else (not yet released) the
 * expected one, so a person still inside is never eligible before expected release + the period.
 */
export const releaseBase = (p: ReleaseFacts): string =>
  p.releasedOn && !IN_FACILITY.includes(p.state) ? p.releasedOn : p.expectedReleaseOn;

/** Whether one person may take an occupation limited by `rules` on `onDate` (ISO date). */
export const evaluate = (rules: readonly LimitRule[], person: ReleaseFacts, onDate: string): Eligibility => {
  if (rules.length === 0) return { eligible: true, from: null, whileSupervised: false, ruleIds: [] };
  const barredBy = rules.filter((r) => r.kind === 'barred');
  if (barredBy.length) return { eligible: false, from: null, whileSupervised: false, ruleIds: barredBy.map((r) => r.id) };
  const base = releaseBase(person);
  const supervised = isSupervised(person.state);
  let from: string | null = null;
  const limiting: string[] = [];
  let whileSupervised = false;
  for (const r of rules) {
    const ends = r.waitingYears !== null ? addYears(base, r.waitingYears) : null;
    if (ends && (from === null || ends > from)) from = ends;
    const waiting = ends !== null && onDate < ends;
    const held = r.duringSupervision && supervised;
    if (held) whileSupervised = true;
    if (waiting || held) limiting.push(r.id);
  }
  return { eligible: limiting.length === 0, from, whileSupervised, ruleIds: limiting };
};
