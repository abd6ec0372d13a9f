import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** One account's second factor (table `mfa_enrolment`). */
export interface MfaEnrolmentRow {
  userId: string;
  /** FieldCipher blob of the base32 secret. */
  secretEncrypted: Buffer;
  confirmedAt: Date | null;
  lastUsedStep: number | null;
  recoveryCodeHashes: string[];
}

/** The second step of one sign-in (table `mfa_challenge`). */
export interface MfaChallengeRow {
  id: string;
  userId: string;
  attempts: number;
  consumedAt: Date | null;
  expiresAt: Date;
}

const ENROLMENT_COLUMNS = `user_id AS "userId", secret_encrypted AS "secretEncrypted", confirmed_at AS "confirmedAt",
  last_used_step AS "lastUsedStep", recovery_code_hashes AS "recoveryCodeHashes"`;
const CHALLENGE_COLUMNS = `id, user_id AS "userId", attempts, consumed_at AS "consumedAt", expires_at AS "expiresAt"`;

/**
 * SQL for the second factor. Plain SQL rather than TypeORM entities: the rows are small, the
 * locking (`FOR UPDATE`) is the point, and every write is a single statement.
 */
@Injectable()
export class MfaRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager): DataSource | EntityManager {
    return manager ?? this.dataSource;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findEnrolment(userId: string, manager?: EntityManager): Promise<MfaEnrolmentRow | null> {
    const rows: MfaEnrolmentRow[] = await this.q(manager).query(`SELECT ${ENROLMENT_COLUMNS} FROM mfa_enrolment WHERE user_id = $1`, [
      userId,
    ]);
    return rows[0] ?? null;
  }

  /** Locks the row: two sign-ins with one code (or one recovery code) cannot both pass. */
  async findEnrolmentForUpdate(userId: string, manager: EntityManager): Promise<MfaEnrolmentRow | null> {
    const rows: MfaEnrolmentRow[] = await manager.query(`SELECT ${ENROLMENT_COLUMNS} FROM mfa_enrolment WHERE user_id = $1 FOR UPDATE`, [
      userId,
    ]);
    return rows[0] ?? null;
  }

  async isConfirmed(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM mfa_enrolment WHERE user_id = $1 AND confirmed_at IS NOT NULL`, [
      userId,
    ]);
    return rows.length > 0;
  }

  /**
   * Starts (or restarts) an enrolment with a new secret. A confirmed enrolment is never overwritten:
   * returns false then.
   */
  async startEnrolment(userId: string, secretEncrypted: Buffer): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO mfa_enrolment (user_id, secret_encrypted) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE
         SET secret_encrypted = EXCLUDED.secret_encrypted, last_used_step = NULL, recovery_code_hashes = '{}', updated_at = now()
         WHERE mfa_enrolment.confirmed_at IS NULL
       RETURNING user_id`,
      [userId, secretEncrypted],
    );
    return rows.length > 0;
  }

  async confirm(userId: string, step: number, recoveryCodeHashes: string[], manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE mfa_enrolment SET confirmed_at = now(), last_used_step = $2, recovery_code_hashes = $3, updated_at = now() WHERE user_id = $1`,
      [userId, step, recoveryCodeHashes],
    );
  }

  async recordStep(userId: string, step: number, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE mfa_enrolment SET last_used_step = $2, updated_at = now() WHERE user_id = $1`, [userId, step]);
  }

  async removeRecoveryCode(userId: string, hash: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE mfa_enrolment SET recovery_code_hashes = array_remove(recovery_code_hashes, $2), updated_at = now() WHERE user_id = $1`,
      [userId, hash],
    );
  }

  /** Removes the enrolment and any sign-in waiting for a code. Returns whether there was one. */
  async deleteEnrolment(userId: string, manager: EntityManager): Promise<boolean> {
    await manager.query(`DELETE FROM mfa_challenge WHERE user_id = $1`, [userId]);
    const [, affected]: [unknown, number] = await manager.query(`DELETE FROM mfa_enrolment WHERE user_id = $1`, [userId]);
    return affected > 0;
  }

  /** Opens a challenge; sweeps long-expired ones on the way (the table holds minutes of data). */
  async createChallenge(userId: string, expiresAt: Date): Promise<string> {
    await this.dataSource.query(`DELETE FROM mfa_challenge WHERE expires_at < now() - interval '1 hour'`);
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO mfa_challenge (user_id, expires_at) VALUES ($1, $2) RETURNING id`,
      [userId, expiresAt],
    );
    return rows[0]!.id;
  }

  async findChallengeForUpdate(id: string, manager: EntityManager): Promise<MfaChallengeRow | null> {
    const rows: MfaChallengeRow[] = await manager.query(`SELECT ${CHALLENGE_COLUMNS} FROM mfa_challenge WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async countAttempt(id: string, manager: EntityManager): Promise<number> {
    // An UPDATE answers [rows, affected] through TypeORM's query().
    const [rows]: [{ attempts: number }[], number] = await manager.query(
      `UPDATE mfa_challenge SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts`,
      [id],
    );
    return rows[0]?.attempts ?? 0;
  }

  async consumeChallenge(id: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE mfa_challenge SET consumed_at = now() WHERE id = $1`, [id]);
  }
}
