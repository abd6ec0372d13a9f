import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { safeError } from '../common/logging';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { JobFailure, jobErrorText } from './job-errors';
import { JOBS_SCHEMA, type JobName } from './job-names';
import { JobsRepository } from './jobs.repository';

/** How the queue connects (provided by `JobsModule.forRoot`): the app's own role, and the app's pool timeouts. */
export const JOBS_CONNECTION = Symbol('JOBS_CONNECTION');

export interface JobsConnection {
  url: string;
  /** Passed to the queue's `pg` pool as they are (connect and statement timeouts, keep-alive). */
  pool?: Record<string, unknown>;
}

/** Cron expressions are read in China time, like every date the app shows. */
const CRON_TIME_ZONE = 'Asia/Shanghai';

/** Connections of the queue's own pool (polling workers, cron, maintenance), beside the app's 20. */
const POOL_SIZE = 4;

export interface JobDefinition<T extends object = object> {
  name: JobName;
  /** A recurring job: when, as cron (China time). Without it the job runs when the app sends one. */
  cron?: string;
  /** Longest one run may take before pg-boss fails it (default 15 minutes, at most 23 hours). */
  expireInMinutes?: number;
  /**
   * Workers on this queue in each process (default 1). A worker takes one job per poll interval at
   * most, so a queue that fills in bursts (deliveries) wants several.
   */
  workers?: number;
  /** Does one job. Throwing fails it: pg-boss retries it as it was sent, and lists it as failed at the end. */
  handler: (data: T) => Promise<void>;
}

/** How a job sent by the app is retried. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retryLimit: number;
  /** Seconds before the first retry; with `retryBackoff` about doubled at each further one. */
  retryDelay: number;
  retryBackoff: boolean;
  /** Where a job that used up its retries is parked. */
  deadLetter?: JobName;
  /** Not before this time (a delivery deferred out of quiet hours). */
  startAfter?: Date;
}

/**
 * The app's job queue: pg-boss on the app's PostgreSQL, in the `pgboss` schema that a migration made.
 * Modules `define()` their jobs while the app is built; at bootstrap (after the migrations, which run
 * before the app is created) the queue starts, works every defined queue in this process and
 * registers the recurring ones' schedules. Every process does the same: pg-boss hands each job to one
 * worker (`FOR UPDATE SKIP LOCKED`), its cron puts one job per tick on a queue whichever processes
 * run, and the scheduled queues are `singleton`, so one such job runs at a time across all of them.
 *
 * With JOBS_ENABLED=false (the tests' default) nothing starts: no job runs in this process.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly definitions = new Map<JobName, JobDefinition>();
  /** Built at once (it opens no connection until started), so sending and retrying on the app's connection work when jobs are off. */
  private readonly boss: PgBoss;
  private started = false;
  private stopping: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOBS_CONNECTION) connection: JobsConnection,
    private readonly jobs: JobsRepository,
  ) {
    this.boss = new PgBoss({
      ...connection.pool,
      connectionString: connection.url,
      schema: JOBS_SCHEMA,
      // The schema is the migrations' (migrations/…-JobQueue.ts): pg-boss only checks its version.
      migrate: false,
      max: POOL_SIZE,
      // The app's name, as its main pool: `restore` refuses to run while connections of this name exist.
      application_name: 'jinbuhuan',
      // Failed jobs stay in the job table, where the administrator lists and retries them.
      archiveFailedAfterSeconds: config.jobsFailedRetentionDays * 86_400,
    });
    // Without a listener an 'error' event would end the process. These are the queue's own troubles
    // (a lost connection while polling); a failing job is recorded with the job instead.
    this.boss.on('error', (e: unknown) => this.logger.error({ err: describeError(e) }, 'job queue error'));
  }

  get enabled(): boolean {
    return this.config.jobsEnabled;
  }

  /** Called by the modules while the app is built, before bootstrap. One definition per queue. */
  define<T extends object>(definition: JobDefinition<T>): void {
    if (this.definitions.has(definition.name)) throw new Error(`job "${definition.name}" is defined twice`);
    this.definitions.set(definition.name, definition as unknown as JobDefinition);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    try {
      await this.boss.start();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/not installed|requires migrations/.test(message)) {
        throw new Error(
          `the job queue's schema (${JOBS_SCHEMA}) is missing or not the one this pg-boss expects (${message}): run the migrations, or add one for this pg-boss version`,
        );
      }
      throw e;
    }
    this.started = true;
    for (const definition of this.definitions.values()) {
      if (!(await this.boss.getQueue(definition.name))) {
        throw new Error(`the job queue "${definition.name}" does not exist in the database: create it in a migration`);
      }
      // One job per fetch: each is completed, or failed and retried, on its own.
      for (let i = 0; i < (definition.workers ?? 1); i++) {
        await this.boss.work<object>(
          definition.name,
          { batchSize: 1, pollingIntervalSeconds: this.config.jobsPollIntervalMs / 1000 },
          async ([job]) => {
            if (job) await this.run(definition, job);
          },
        );
      }
      // Registered (or updated) by every process; removing a scheduled job takes a migration that
      // deletes its queue (`pgboss.delete_queue`, which takes the schedule with it).
      if (definition.cron) {
        await this.boss.schedule(
          definition.name,
          definition.cron,
          {},
          {
            tz: CRON_TIME_ZONE,
            // A scheduled job is not retried: the next tick does the work again.
            retryLimit: 0,
            // Read from the schedule by pg-boss's cron as it inserts the job.
            expireInSeconds: (definition.expireInMinutes ?? 15) * 60,
          },
        );
      }
    }
    this.logger.log(`job queue started: ${[...this.definitions.keys()].join(', ')}`);
  }

  /** Stops taking jobs as soon as the app begins to close; the jobs in hand may finish meanwhile. */
  onModuleDestroy(): void {
    if (!this.started || this.stopping) return;
    this.stopping = this.boss
      .stop({ graceful: true, wait: true, timeout: Math.max(1000, Math.floor(this.config.shutdownTimeoutMs / 2)) })
      .catch((e: unknown) => this.logger.error({ err: describeError(e) }, 'job queue did not stop cleanly'));
  }

  /**
   * Before the database pool closes: waits for the jobs in hand (at most half of SHUTDOWN_TIMEOUT_MS);
   * pg-boss fails those still running then, and another process retries them.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.onModuleDestroy();
    await this.stopping;
  }

  /**
   * Puts a job on a queue. With `m`, on the caller's transaction: the job exists exactly when the
   * change that asked for it commits. The payload carries ids, never names or phone numbers.
   */
  async send(name: JobName, data: Record<string, string>, retry: RetryPolicy, m?: EntityManager): Promise<string> {
    const id = await this.boss.send(name, data, { ...retry, db: this.jobs.connection(m) });
    if (!id) throw new Error(`the job queue "${name}" does not exist in the database: create it in a migration`);
    return id;
  }

  /** Gives a failed job one more attempt (on the caller's transaction); false when it is not failed (any more). */
  async retry(name: string, id: string, m: EntityManager): Promise<boolean> {
    const result = (await this.boss.retry(name, id, { db: this.jobs.connection(m) })) as unknown as { affected?: number } | undefined;
    return (result?.affected ?? 0) > 0;
  }

  private async run(definition: JobDefinition, job: PgBoss.Job<object>): Promise<void> {
    try {
      await definition.handler(job.data);
    } catch (e) {
      const failure = new JobFailure(e);
      this.logger.warn(
        { job: definition.name, jobId: job.id, err: { ...safeError(e), message: failure.message, stack: framesOf(e) } },
        'job failed',
      );
      throw failure;
    }
  }
}

/** A stack without its first line (the message, which may quote what the safe text withholds). */
function framesOf(e: unknown): string | undefined {
  return e instanceof Error ? e.stack?.split('\n').slice(1).join('\n') : undefined;
}

/** pg-boss emits its workers' errors as plain objects (message, queue, worker), not Errors. */
function describeError(e: unknown): Record<string, unknown> {
  if (e instanceof Error) return safeError(e);
  const o = (e ?? {}) as { message?: unknown; queue?: unknown };
  return {
    message: jobErrorText(typeof o.message === 'string' ? o.message : 'unknown'),
    queue: typeof o.queue === 'string' ? o.queue : undefined,
  };
}
