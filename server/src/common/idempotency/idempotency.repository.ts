import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { IdempotencyScope } from './idempotency-key';
import { IdempotencyRecord, type IdempotencyState } from './idempotency-record.entity';

export interface StoredAttempt {
  requestHash: string;
  state: IdempotencyState;
  responseStatus: number | null;
  responseBody: Buffer | null;
}

@Injectable()
export class IdempotencyRepository {
  constructor(@InjectRepository(IdempotencyRecord) private readonly repo: Repository<IdempotencyRecord>) {}

  /**
   * Claims the key for one run; true when this caller may run the handler. One statement, so two
   * concurrent requests cannot both win: the unique index makes the second INSERT conflict, and the
   * conflict branch only takes the row over when it is dead — expired, or a run that never finished
   * (its process died between claim and answer) for longer than `leaseMs`. Otherwise it does nothing
   * (the ON CONFLICT DO NOTHING of the common case) and returns no row.
   */
  async claim(scope: IdempotencyScope, requestHash: string, claimId: string, ttlMs: number, leaseMs: number): Promise<boolean> {
    const rows: unknown[] = await this.repo.query(
      `INSERT INTO idempotency_key (caller, method, route, key, request_hash, claim_id, state, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'running', now() + $7 * interval '1 millisecond')
       ON CONFLICT (caller, method, route, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, claim_id = EXCLUDED.claim_id, state = 'running',
             response_status = NULL, response_body = NULL, claimed_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_key.expires_at <= now()
            OR (idempotency_key.state = 'running' AND idempotency_key.claimed_at < now() - $8 * interval '1 millisecond')
       RETURNING id`,
      [scope.caller, scope.method, scope.route, scope.key, requestHash, claimId, ttlMs, leaseMs],
    );
    return rows.length === 1;
  }

  async find(scope: IdempotencyScope): Promise<StoredAttempt | null> {
    const rows: { request_hash: string; state: IdempotencyState; response_status: number | null; response_body: Buffer | null }[] =
      await this.repo.query(
        `SELECT request_hash, state, response_status, response_body FROM idempotency_key
          WHERE caller = $1 AND method = $2 AND route = $3 AND key = $4 AND expires_at > now()`,
        [scope.caller, scope.method, scope.route, scope.key],
      );
    const row = rows[0];
    return row
      ? { requestHash: row.request_hash, state: row.state, responseStatus: row.response_status, responseBody: row.response_body }
      : null;
  }

  /** Stores the answer of the run that holds the claim (a run whose claim was taken over stores nothing). */
  async complete(scope: IdempotencyScope, claimId: string, status: number, body: Buffer | null): Promise<void> {
    await this.repo.query(
      `UPDATE idempotency_key SET state = 'done', response_status = $6, response_body = $7
        WHERE caller = $1 AND method = $2 AND route = $3 AND key = $4 AND claim_id = $5 AND state = 'running'`,
      [scope.caller, scope.method, scope.route, scope.key, claimId, status, body],
    );
  }

  /** Gives the key back after a failed run, so the client's retry runs the handler again. */
  async release(scope: IdempotencyScope, claimId: string): Promise<void> {
    await this.repo.query(
      `DELETE FROM idempotency_key
        WHERE caller = $1 AND method = $2 AND route = $3 AND key = $4 AND claim_id = $5 AND state = 'running'`,
      [scope.caller, scope.method, scope.route, scope.key, claimId],
    );
  }

  /** For the housekeeping job: deletes keys past their 24 h (served by idx_idempotency_key_expires). */
  async deleteExpired(): Promise<number> {
    const res = await this.repo.createQueryBuilder().delete().from(IdempotencyRecord).where('expires_at <= now()').execute();
    return res.affected ?? 0;
  }
}
