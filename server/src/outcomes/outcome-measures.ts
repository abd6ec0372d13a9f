/** Months after release at which employment is measured (the motto's third rate). */
export const EMPLOYMENT_MONTHS = [1, 3, 6, 12] as const;
/** Years after release at which abstinence is reported (the +12/+24/+36 month visits). */
export const ABSTINENCE_YEARS = [1, 2, 3] as const;

/** The per-release facts of `trainee_outcome`, in column order (see the TraineeOutcome migration). */
export const OUTCOME_FLAGS = [
  'certified',
  'diploma',
  ...EMPLOYMENT_MONTHS.map((n) => `employed_${n}`),
  ...ABSTINENCE_YEARS.flatMap((y) => [`reached_${y}`, `abstinent_${y}`, `verified_${y}`]),
  // Admitted again within Y years of this release (an objective outcome beside the self-reported one).
  ...ABSTINENCE_YEARS.map((y) => `readmitted_${y}`),
] as const;

/** Stands for "no facility" (released without a completed handover) in the daily sums' primary key. */
export const NO_FACILITY = '00000000-0000-0000-0000-000000000000';

/** Where the person is counted: the facility they left, the station that follows them, their home division. */
export const OUTCOME_PLACES = ['released_on', 'facility_id', 'station_id', 'division_code'] as const;

/** One row of `trainee_outcome` (without `updated_at`), as the reports and the equality test read it. */
export interface TraineeOutcomeRow {
  /** The release (an episode of the person) this row is about. */
  episode_id: string;
  trainee_id: string;
  released_on: string;
  facility_id: string | null;
  station_id: string | null;
  division_code: string | null;
  [flag: string]: string | boolean | null;
}

/** One row of `order_outcome` (without `updated_at`): a person's way through one order's funnel. */
export interface OrderOutcomeRow {
  order_id: string;
  trainee_id: string;
  trained: boolean;
  certified: boolean;
  recommended: boolean;
  hired_on: string | null;
  stayed_3: boolean;
  stayed_6: boolean;
}
