import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type ThrottleScope = 'account' | 'address';

/** How one scope counts: `free` failures before any wait, then 2^(n − free) s, at most `capSeconds`. */
export interface ThrottleRule {
  free: number;
  capSeconds: number;
  /** A counter with no failure for this long starts again from zero. */
  memorySeconds: number;
}

/** Thrown inside the claim transaction to undo the first scope's count when the second refuses. */
class Refused extends Error {}

/**
 * SQL for `sign_in_throttle` (counts) and `sign_in_challenge_used` (solved challenges). Counts
 * live in PostgreSQL so several processes share them; each claim is one statement on a locked
 * row, so simultaneous guesses cannot slip past the count.
 */
@Injectable()
export class SignInThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts one attempt against every scope, all or none: an attempt is counted before its password
   * is checked (and given back when it was right), so a burst of parallel guesses is seen at once.
   * `bypass` (a solved challenge) counts without asking. Null: some scope is still waiting.
   */
  async claim(scopes: { scope: ThrottleScope; key: string; rule: ThrottleRule }[], bypass: boolean): Promise<number[] | null> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const counts: number[] = [];
        // Always in the same order (account, then address): two claims never wait on each other in a cycle.
        for (const { scope, key, rule } of scopes) {
          const failures = await this.claimOne(m, scope, key, rule, bypass);
          if (failures === null) throw new Refused();
          counts.push(failures);
        }
        return counts;
      });
    } catch (e) {
      if (e instanceof Refused) return null;
      throw e;
    }
  }

  private async claimOne(m: EntityManager, scope: ThrottleScope, key: string, rule: ThrottleRule, bypass: boolean): Promise<number | null> {
    // The exponent is capped at 20 (2^20 s is far past any cap) so power() cannot overflow.
    const rows: { failures: number }[] = await m.query(
      `INSERT INTO sign_in_throttle AS t (scope, key, failures, last_failure_at) VALUES ($1, $2, 1, now())
       ON CONFLICT (scope, key) DO UPDATE SET
         failures = CASE WHEN t.last_failure_at <= now() - make_interval(secs => $5) THEN 1 ELSE t.failures + 1 END,
         last_failure_at = now()
       WHERE $6::boolean
          OR t.failures < $3
          OR t.last_failure_at <= now() - make_interval(secs => $5)
          OR t.last_failure_at + make_interval(secs => LEAST(power(2, LEAST(t.failures - $3, 20)), $4)) <= now()
       RETURNING failures`,
      [scope, key, rule.free, rule.capSeconds, rule.memorySeconds, bypass],
    );
    return rows[0]?.failures ?? null;
  }

  /** The password was right: the account starts again from zero, and the address gets its attempt back. */
  async succeeded(accountKey: string, addressKey: string | null): Promise<void> {
    await this.dataSource.query(`DELETE FROM sign_in_throttle WHERE scope = 'account' AND key = $1`, [accountKey]);
    if (addressKey) {
      await this.dataSource.query(`UPDATE sign_in_throttle SET failures = GREATEST(failures - 1, 0) WHERE scope = 'address' AND key = $1`, [
        addressKey,
      ]);
    }
  }

  async clear(scope: ThrottleScope, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM sign_in_throttle WHERE scope = $1 AND key = $2`, [scope, key]);
  }

  /** Forgets counters nobody has touched for `olderThanSeconds`. */
  async prune(olderThanSeconds: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM sign_in_throttle WHERE last_failure_at < now() - make_interval(secs => $1)`, [
      olderThanSeconds,
    ]);
  }

  /**
   * Remembers a solved challenge until it expires. False: it was already used (a replay). Expired
   * entries are dropped on the way: a challenge past its expiry is refused by its signature anyway.
   */
  async useChallenge(nonce: string, expiresAt: Date): Promise<boolean> {
    await this.dataSource.query(`DELETE FROM sign_in_challenge_used WHERE expires_at < now()`);
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO sign_in_challenge_used (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING RETURNING nonce`,
      [nonce, expiresAt],
    );
    return rows.length === 1;
  }
}
