export class HealthDto {
  /** `ok` when the database answers, `unavailable` otherwise. */
  status: 'ok' | 'unavailable';
}

export class LivenessDto {
  /** Always `ok`: the process is up and serving requests. */
  status: 'ok';
}

export class ReadinessChecksDto {
  /** `ok` when the database answered `SELECT 1` within 2 seconds. */
  database: 'ok' | 'unavailable';
  /** `ok` when every migration this code ships has run; `pending` when some has not; `unknown` without a database. */
  migrations: 'ok' | 'pending' | 'unknown';
}

export class HealthReadinessDto {
  /** `ok` when every check is `ok`. */
  status: 'ok' | 'unavailable';
  checks: ReadinessChecksDto;
}
