import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SessionsService } from '../auth/sessions.service';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { HousekeepingRepository } from './housekeeping.repository';

/** Rows per transaction: small enough that no batch nears the statement timeout or holds locks for long. */
const BATCH = 5000;
/** Batches per table per run: a first run over years of history is spread over several runs. */
const MAX_BATCHES = 40;

export interface HousekeepingOutcome {
  /** False when another process held the lock, or a run finished recently enough. */
  ran: boolean;
  refreshSessionsDeleted: number;
  auditEntriesDeleted: number;
  /** Idempotency keys past their 24 hours (the answers they kept are no longer needed). */
  idempotencyKeysDeleted: number;
}

/**
 * Deletes what is kept no longer: refresh sessions that can no longer be used, and audit entries
 * past AUDIT_RETENTION_DAYS. Each run that does the work records one audit entry with the counts.
 */
@Injectable()
export class HousekeepingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
    private readonly lock: HousekeepingRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `unlessRanWithinHours`: skip when a run succeeded that recently, in any process (the audit log
   * is the shared memory), so several processes with hourly timers still do the work once per period.
   */
  async run(options: { unlessRanWithinHours?: number } = {}): Promise<HousekeepingOutcome> {
    const none: HousekeepingOutcome = { ran: false, refreshSessionsDeleted: 0, auditEntriesDeleted: 0, idempotencyKeysDeleted: 0 };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (!(await this.lock.tryLock(runner))) return none;
      try {
        const hours = options.unlessRanWithinHours;
        if (hours && (await this.audit.recordedWithin('housekeeping.run', 'success', hours, runner.manager))) return none;
        return await this.work(runner);
      } finally {
        await this.lock.unlock(runner).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  private async work(runner: QueryRunner): Promise<HousekeepingOutcome> {
    const outcome: HousekeepingOutcome = { ran: true, refreshSessionsDeleted: 0, auditEntriesDeleted: 0, idempotencyKeysDeleted: 0 };
    let complete = false;
    let failed = true;
    try {
      const sessions = await this.inBatches(
        runner,
        (m) => this.sessions.deleteExpired(BATCH, m),
        (n) => (outcome.refreshSessionsDeleted += n),
      );
      const audit = await this.inBatches(
        runner,
        (m) => this.audit.prune(this.config.auditRetentionDays, BATCH, m, join(this.config.dataDir, 'audit-archive')),
        (n) => (outcome.auditEntriesDeleted += n),
      );
      outcome.idempotencyKeysDeleted = await this.idempotency.deleteExpired();
      complete = sessions && audit;
      failed = false;
    } finally {
      // Written after a failure too: the batches already committed are gone and must be accounted for.
      await this.audit.record(
        {
          actor: null,
          action: 'housekeeping.run',
          result: failed ? 'failure' : 'success',
          detail: {
            refreshSessionsDeleted: outcome.refreshSessionsDeleted,
            auditEntriesDeleted: outcome.auditEntriesDeleted,
            idempotencyKeysDeleted: outcome.idempotencyKeysDeleted,
            auditRetentionDays: this.config.auditRetentionDays,
            // False when a batch failed or the batch limit was reached: the next run continues.
            complete,
          },
        },
        runner.manager,
      );
    }
    return outcome;
  }

  /**
   * Runs `batch` in a transaction of its own, again and again, until it deletes less than a full batch
   * (returns true) or MAX_BATCHES were run (returns false). `counted` hears of each committed batch.
   */
  private async inBatches(
    runner: QueryRunner,
    batch: (m: EntityManager) => Promise<number>,
    counted: (deleted: number) => void,
  ): Promise<boolean> {
    for (let i = 0; i < MAX_BATCHES; i++) {
      await runner.startTransaction();
      let n: number;
      try {
        n = await batch(runner.manager);
        await runner.commitTransaction();
      } catch (e) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw e;
      }
      counted(n);
      if (n < BATCH) return true;
    }
    return false;
  }
}
