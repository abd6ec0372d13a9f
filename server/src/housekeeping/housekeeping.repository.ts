import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';

/** The session-level advisory lock that keeps housekeeping to one process at a time. */
@Injectable()
export class HousekeepingRepository {
  async tryLock(runner: QueryRunner): Promise<boolean> {
    const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext('housekeeping')) AS locked`)) as [{ locked: boolean }];
    return locked;
  }

  async unlock(runner: QueryRunner): Promise<void> {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('housekeeping'))`);
  }
}
