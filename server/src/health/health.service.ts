import { Injectable } from '@nestjs/common';
import type { HealthReadinessDto } from './health.dto';
import { HealthRepository } from './health.repository';

/** A check that has not answered by then counts as failed: a load balancer must not wait on a hung database. */
const CHECK_TIMEOUT_MS = 2000;

function withinTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('health check timeout')), CHECK_TIMEOUT_MS);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

@Injectable()
export class HealthService {
  /** Migrations never un-run while this process lives: once all are in, the table is not read again. */
  private migrationsApplied = false;

  constructor(private readonly health: HealthRepository) {}

  async databaseAnswers(): Promise<boolean> {
    try {
      await withinTimeout(this.health.ping());
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Ready to take traffic: the database answers and every migration this code ships has run (a
   * process of a new release next to a database not yet migrated would fail on new columns).
   */
  async readiness(): Promise<HealthReadinessDto> {
    if (!(await this.databaseAnswers())) {
      return { status: 'unavailable', checks: { database: 'unavailable', migrations: 'unknown' } };
    }
    let migrations: HealthReadinessDto['checks']['migrations'];
    try {
      migrations = (await withinTimeout(this.allMigrationsApplied())) ? 'ok' : 'pending';
    } catch {
      // No table yet counts as pending; a timeout here is a database that stopped answering.
      migrations = 'unknown';
    }
    const database = migrations === 'unknown' ? 'unavailable' : 'ok';
    return { status: database === 'ok' && migrations === 'ok' ? 'ok' : 'unavailable', checks: { database, migrations } };
  }

  private async allMigrationsApplied(): Promise<boolean> {
    if (this.migrationsApplied) return true;
    const applied = await this.health.appliedMigrations();
    if (!applied) return false;
    const expected = this.health.shippedMigrations();
    this.migrationsApplied = expected.every((name) => applied.has(name));
    return this.migrationsApplied;
  }
}
