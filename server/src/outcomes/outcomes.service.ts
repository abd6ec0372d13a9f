import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { OrderOutcomeRow, TraineeOutcomeRow } from './outcome-measures';
import { OutcomesRepository } from './outcomes.repository';

/** Trainees recomputed per transaction by a rebuild: small enough that writers wait well under a second for each. */
export const REBUILD_BATCH = 5_000;

/**
 * Keeps the tables the reports count equal to what the live sources say:
 * - `trainee_outcome`: one row per release (a released episode of a person) with the facts the outcome
 *   reports count, re-admission within 1–3 years included, and `trainee_outcome_daily`, its sums per day;
 * - `order_outcome`: one row per order and person in its funnel (trained, certified, recommended, hired,
 *   stayed 3 and 6 months), which the order funnel sums.
 * Every write to an input (a handover completed, a hire or its end, a visit recorded, a certificate or
 * diploma issued, a release, a re-admission, a change of home division) calls `refresh`, and every write
 * that only moves a person through an order's funnel (a seat in a 订单班, a recommendation, an intent at a
 * fair) calls `refreshOrders`, with its own transaction's EntityManager, so the rows change with the write
 * or not at all.
 *
 * This module depends on no other domain module (it reads their tables in its repository's SQL, as the
 * reports do): trainees, handovers, placements, follow-ups, courses and diplomas import it, and the
 * graph stays acyclic.
 */
@Injectable()
export class OutcomesService {
  constructor(private readonly outcomes: OutcomesRepository) {}

  /** Recomputes these people's rows inside the caller's transaction (a release that is no longer one loses its row). */
  async refresh(m: EntityManager, traineeIds: readonly string[]): Promise<void> {
    const ids = [...new Set(traineeIds)];
    if (!ids.length) return;
    await this.outcomes.lockPeople(m, ids);
    await this.outcomes.refresh(m, ids);
  }

  /**
   * Recomputes only these people's `order_outcome` rows (their way through each order's funnel), inside the
   * caller's transaction: for the writes that change nothing a release's row holds — a seat taken or given
   * back in a 订单班, a recommendation, an intent at a fair. A hire, its end and a certificate change both
   * tables and call `refresh`.
   */
  async refreshOrders(m: EntityManager, traineeIds: readonly string[]): Promise<void> {
    const ids = [...new Set(traineeIds)];
    if (!ids.length) return;
    await this.outcomes.lockPeople(m, ids);
    await this.outcomes.refreshOrders(m, ids);
  }

  /**
   * Recomputes every row, one transaction per batch of trainees (in id order), so the app keeps
   * running: a batch holds the table lock (see OutcomesRepository.lockPeople) for its own duration only.
   * Returns how many trainees were looked at.
   */
  async rebuild(ds: DataSource, progress?: (trainees: number) => void, batchSize = REBUILD_BATCH): Promise<number> {
    let after: string | null = null;
    let done = 0;
    for (;;) {
      const ids: string[] = await ds.transaction(async (m) => {
        await this.outcomes.lockTable(m);
        const batch = await this.outcomes.traineeIdsAfter(m, after, batchSize);
        if (batch.length) await this.outcomes.refresh(m, batch);
        return batch;
      });
      done += ids.length;
      if (ids.length) progress?.(done);
      if (ids.length < batchSize) break;
      after = ids.at(-1)!;
    }
    // The batches kept the daily and the orders' sums in step; summing them afresh also mends any drift they had.
    await ds.transaction(async (m) => {
      await this.outcomes.lockTable(m);
      await this.outcomes.resumDaily(m);
      await this.outcomes.resumOrders(m);
    });
    return done;
  }

  /** The same inside one transaction the caller already holds (the demo data loader's). */
  async rebuildWithin(m: EntityManager, batchSize = REBUILD_BATCH): Promise<number> {
    await this.outcomes.lockTable(m);
    let after: string | null = null;
    let done = 0;
    for (;;) {
      const ids = await this.outcomes.traineeIdsAfter(m, after, batchSize);
      if (ids.length) await this.outcomes.refresh(m, ids);
      done += ids.length;
      if (ids.length < batchSize) break;
      after = ids.at(-1)!;
    }
    await this.outcomes.resumDaily(m);
    await this.outcomes.resumOrders(m);
    return done;
  }

  /** How many day × group sums differ from the sums of the rows: 0 when the two tables agree. */
  dailyDrift(m: EntityManager): Promise<number> {
    return this.outcomes.dailyDrift(m);
  }

  /** The stored rows (null: all), by trainee id. */
  stored(m: EntityManager, traineeIds: readonly string[] | null = null): Promise<TraineeOutcomeRow[]> {
    return this.outcomes.stored(m, traineeIds);
  }

  /** How many `order_outcome` rows differ from the live sources (missing, extra or changed): 0 when the table is right. */
  orderDrift(m: EntityManager): Promise<number> {
    return this.outcomes.orderDrift(m);
  }

  /** The stored `order_outcome` rows, by order and trainee. */
  storedOrders(m: EntityManager): Promise<OrderOutcomeRow[]> {
    return this.outcomes.storedOrders(m);
  }

  /** What the live sources say `order_outcome` should hold: the check of that table. */
  liveOrders(m: EntityManager): Promise<OrderOutcomeRow[]> {
    return this.outcomes.liveOrders(m);
  }

  /** What the live sources say the rows should be (null: all), by trainee id: the check of the table. */
  live(m: EntityManager, traineeIds: readonly string[] | null = null): Promise<TraineeOutcomeRow[]> {
    return this.outcomes.live(m, traineeIds);
  }
}

/** The service outside Nest's container: the demo data loader and `npm run outcomes:rebuild`. */
export function standaloneOutcomesService(): OutcomesService {
  return new OutcomesService(new OutcomesRepository());
}
