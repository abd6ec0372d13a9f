import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RowScope } from '../access/access.service';
import { FairRegistration } from './fair.entities';

export interface RegistrationRow {
  id: string;
  fair_id: string;
  trainee_id: string;
  trainee_name: string;
  trainee_organisation_id: string;
  trainee_user_id: string | null;
  code: string;
  candidate_code: string;
  self_registered: boolean;
  walk_in: boolean;
  checked_in_at: Date | null;
}

/** A registered candidate as an employer with a booth may see them: allow-listed columns only. */
export interface FairCandidateRow {
  registration_id: string;
  /** For the legal job limits only; never sent to the employer. */
  trainee_id: string;
  candidate_code: string;
  skills: string[];
  certificates: string[];
  diplomas: string[];
  division_name: string;
  preferred_industries: string[];
  wage_expectation: number | null;
  checked_in: boolean;
}

/** A new registration, with its desk code and candidate code already drawn. */
export interface NewRegistration {
  fairId: string;
  traineeId: string;
  code: string;
  candidateCode: string;
  registeredBy: string;
  selfRegistered: boolean;
  walkIn: boolean;
  /** Set for a walk-in, checked in as they register. */
  checkedInAt: Date | null;
  checkedInBy: string | null;
}

const REGISTRATION_SELECT = `SELECT r.id, r.fair_id, r.trainee_id, t.full_name AS trainee_name, t.organisation_id AS trainee_organisation_id,
    t.user_id AS trainee_user_id, r.code, r.candidate_code, r.self_registered, r.walk_in, r.checked_in_at
  FROM fair_registration r JOIN trainee t ON t.id = r.trainee_id`;

/** Trainees registered for fairs, their desk codes and check-ins, and the candidates employers see. */
@Injectable()
export class FairRegistrationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A fair's registrations within the caller's reach: all of them; those of the trainees an
   * organisation holds; or the caller's own (a trainee's account).
   */
  registrations(fairId: string, scope: RowScope): Promise<RegistrationRow[]> {
    return this.dataSource.query<RegistrationRow[]>(
      `${REGISTRATION_SELECT} WHERE r.fair_id = $1 AND ($2::uuid IS NULL OR t.organisation_id = $2) AND ($3::uuid IS NULL OR t.user_id = $3)
        ORDER BY t.full_name, r.id`,
      [fairId, scope.kind === 'organisation' ? scope.organisationId : null, scope.kind === 'self' ? scope.userId : null],
    );
  }

  registrationsById(ids: string[]): Promise<RegistrationRow[]> {
    return this.dataSource.query<RegistrationRow[]>(`${REGISTRATION_SELECT} WHERE r.id = ANY ($1::uuid[]) ORDER BY t.full_name, r.id`, [
      ids,
    ]);
  }

  async registration(id: string): Promise<RegistrationRow | null> {
    return (await this.registrationsById([id]))[0] ?? null;
  }

  /** The registration a desk code stands for at this fair. */
  async registrationByCode(fairId: string, code: string): Promise<RegistrationRow | null> {
    return (
      (await this.dataSource.query<RegistrationRow[]>(`${REGISTRATION_SELECT} WHERE r.fair_id = $1 AND r.code = $2`, [fairId, code]))[0] ??
      null
    );
  }

  async registrationOfTrainee(fairId: string, traineeId: string): Promise<RegistrationRow | null> {
    return (
      (
        await this.dataSource.query<RegistrationRow[]>(`${REGISTRATION_SELECT} WHERE r.fair_id = $1 AND r.trainee_id = $2`, [
          fairId,
          traineeId,
        ])
      )[0] ?? null
    );
  }

  /** Which of these trainees are registered for the fair already. */
  async registeredTraineeIds(fairId: string, traineeIds: string[]): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ trainee_id: string }[]>(
      `SELECT trainee_id FROM fair_registration WHERE fair_id = $1 AND trainee_id = ANY ($2::uuid[])`,
      [fairId, traineeIds],
    );
    return new Set(rows.map((r) => r.trainee_id));
  }

  /**
   * A registration; returns its id. Fails on `uq_fair_registration` (registered already), or on
   * `uq_fair_registration_code` / `uq_fair_registration_candidate` (a drawn code is taken).
   */
  async insert(r: NewRegistration, m: EntityManager): Promise<string> {
    const repo = m.getRepository(FairRegistration);
    return (await repo.save(repo.create(r))).id;
  }

  /** Checks the registration in, once: the time of this check-in, or null if it had been checked in before. */
  async checkIn(id: string, by: string): Promise<Date | null> {
    const [rows] = await this.dataSource.query<[{ checked_in_at: Date }[], number]>(
      `UPDATE fair_registration SET checked_in_at = now(), checked_in_by = $2 WHERE id = $1 AND checked_in_at IS NULL RETURNING checked_in_at`,
      [id, by],
    );
    return rows[0]?.checked_in_at ?? null;
  }

  /** Registered candidates as an employer with a booth may see them: allow-listed columns only. */
  candidates(fairId: string): Promise<FairCandidateRow[]> {
    return this.dataSource.query<FairCandidateRow[]>(
      // Skills and industries as their names in the classification: controlled vocabulary, never staff's words.
      `SELECT r.id AS registration_id, r.trainee_id, r.candidate_code,
          COALESCE((SELECT array_agg(so.name || COALESCE(' ' || ssl.name, '') ORDER BY so.code)
                      FROM jsonb_array_elements(t.skills) sk JOIN occupation so ON so.code = sk->>'occupationCode'
                      LEFT JOIN skill_level ssl ON ssl.level = (sk->>'level')::int), '{}') AS skills,
          COALESCE((SELECT array_agg(oc.name || ' ' || sl.name ORDER BY c.level) FROM certificate c JOIN occupation oc ON oc.code = c.occupation_code
                      JOIN skill_level sl ON sl.level = c.level WHERE c.trainee_id = t.id), '{}') AS certificates,
          COALESCE((SELECT array_agg(p.name) FROM diploma dp JOIN programme p ON p.id = dp.programme_id WHERE dp.trainee_id = t.id), '{}') AS diplomas,
          d.name AS division_name,
          COALESCE((SELECT array_agg(DISTINCT io.middle_name) FROM occupation io WHERE io.middle_code = ANY (t.preferred_industries)), '{}')
            AS preferred_industries,
          t.wage_expectation, r.checked_in_at IS NOT NULL AS checked_in
        FROM fair_registration r JOIN trainee t ON t.id = r.trainee_id JOIN division d ON d.code = t.home_division_code
        WHERE r.fair_id = $1 AND t.job_matching_consent ORDER BY r.candidate_code`,
      [fairId],
    );
  }
}
