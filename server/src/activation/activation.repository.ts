import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ActivationCode } from './activation-code.entity';

/** A code as the service reads it (never with its hash). */
export type ActivationCodeRow = Pick<ActivationCode, 'id' | 'traineeId' | 'issuedAt' | 'expiresAt' | 'usedAt' | 'revokedAt'>;

/** TypeORM's query() answers an UPDATE with `[rows, affected]` rather than the rows: the number of rows it changed. */
const affected = (result: unknown): number => (result as [unknown[], number])[1];

const COLUMNS = `id, trainee_id AS "traineeId", issued_at AS "issuedAt", expires_at AS "expiresAt", used_at AS "usedAt", revoked_at AS "revokedAt"`;

/**
 * SQL for `activation_code`. Written as SQL rather than through the entity's repository: every
 * write that matters is one conditional statement (revoke the live code, use it once), whose row
 * count is the answer.
 */
@Injectable()
export class ActivationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(m?: EntityManager): Pick<EntityManager, 'query'> {
    return m ?? this.dataSource;
  }

  /** Revokes the trainee's live code, if any (a newer one replaces it). */
  async revokeLive(traineeId: string, at: Date, m: EntityManager): Promise<number> {
    return affected(
      await m.query(`UPDATE activation_code SET revoked_at = $2 WHERE trainee_id = $1 AND used_at IS NULL AND revoked_at IS NULL`, [
        traineeId,
        at,
      ]),
    );
  }

  async insert(
    c: { traineeId: string; codeHash: string; issuedBy: string; issuedAt: Date; expiresAt: Date },
    m: EntityManager,
  ): Promise<void> {
    await m.query(`INSERT INTO activation_code (trainee_id, code_hash, issued_by, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
      c.traineeId,
      c.codeHash,
      c.issuedBy,
      c.issuedAt,
      c.expiresAt,
    ]);
  }

  /** The trainee's newest code (an older one was replaced by it), or null. */
  async latest(traineeId: string): Promise<ActivationCodeRow | null> {
    const rows: ActivationCodeRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM activation_code WHERE trainee_id = $1 ORDER BY issued_at DESC, id LIMIT 1`,
      [traineeId],
    );
    return rows[0] ?? null;
  }

  /** The code with this hash if it can still be used at `now`, or null. */
  async findLive(codeHash: string, now: Date): Promise<ActivationCodeRow | null> {
    const rows: ActivationCodeRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM activation_code WHERE code_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2`,
      [codeHash, now],
    );
    return rows[0] ?? null;
  }

  /**
   * Uses the code: one conditional UPDATE. Two requests with the same code both reach it; the second
   * waits for the first's row lock, then finds `used_at` set and updates nothing. True: this caller won.
   */
  async use(id: string, now: Date, m: EntityManager): Promise<boolean> {
    const result: unknown = await m.query(
      `UPDATE activation_code SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2`,
      [id, now],
    );
    return affected(result) === 1;
  }

  /** A wrong birth year with this code: counted, and at `max` failures the code is revoked. */
  async recordFailure(id: string, max: number, now: Date, m?: EntityManager): Promise<void> {
    await this.q(m).query(
      `UPDATE activation_code SET failed_attempts = failed_attempts + 1,
              revoked_at = CASE WHEN failed_attempts + 1 >= $2 THEN $3::timestamptz ELSE revoked_at END
        WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
      [id, max, now],
    );
  }
}
