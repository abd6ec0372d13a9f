import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { ChecklistItemKey } from './checklist-item.entity';
import { CorrectionRequest } from './correction-request.entity';
import type { TraineeState } from './trainee.entity';

// Types, not interfaces: the data download hands them on as plain records.
export type HistoryEntryRow = { from_state: TraineeState | null; to_state: TraineeState; changed_at: Date; reason: string };
/** `date` columns read raw arrive as `Date`s (midnight, server time). */
export type ChecklistEntryRow = { item_key: ChecklistItemKey; done_on: Date | null; note: string | null };
export type ConsentEntryRow = {
  purpose: string;
  employer: string | null;
  text_version: number;
  granted_at: Date;
  granted_assisted: boolean;
  withdrawn_at: Date | null;
};
export type HandoverEntryRow = {
  state: string;
  from_organisation: string;
  to_organisation: string;
  release_date: Date;
  completed_at: Date | null;
  handover_place: string | null;
  documents: string[];
};
export type CorrectionEntryRow = {
  field: string;
  message: string;
  status: CorrectionRequest['status'];
  created_at: Date;
  resolution_note: string | null;
};
export type AccessLogEntryRow = { occurred_at: Date; actor_role: string | null; action: string; result: string };

/** Everything held about one trainee beyond their record, for their own data download (PIPL Art. 45). */
export interface PersonalDataRows {
  history: HistoryEntryRow[];
  checklist: ChecklistEntryRow[];
  consents: ConsentEntryRow[];
  handovers: HandoverEntryRow[];
  corrections: CorrectionEntryRow[];
  /** The latest 500 audit entries about them. */
  accessLog: AccessLogEntryRow[];
}

/** What answering a correction request records. */
export type CorrectionResolution = Pick<CorrectionRequest, 'status' | 'resolvedAt' | 'resolvedBy' | 'resolutionNote'>;

@Injectable()
export class TraineePortalRepository {
  constructor(@InjectRepository(CorrectionRequest) private readonly corrections: Repository<CorrectionRequest>) {}

  async personalDataOf(traineeId: string): Promise<PersonalDataRows> {
    const q = <T>(sql: string) => this.corrections.query<T[]>(sql, [traineeId]);
    const [history, checklist, consents, handovers, corrections, accessLog] = await Promise.all([
      q<HistoryEntryRow>(
        `SELECT from_state, to_state, changed_at, reason FROM trainee_state_change WHERE trainee_id = $1 ORDER BY changed_at`,
      ),
      q<ChecklistEntryRow>(`SELECT item_key, done_on, note FROM checklist_item WHERE trainee_id = $1 ORDER BY item_key`),
      q<ConsentEntryRow>(
        `SELECT c.purpose, o.name AS employer, c.text_version, c.granted_at, c.granted_assisted, c.withdrawn_at
           FROM consent c LEFT JOIN organisation o ON o.id = c.employer_id WHERE c.trainee_id = $1 ORDER BY c.granted_at`,
      ),
      q<HandoverEntryRow>(
        `SELECT h.state, f.name AS from_organisation, s.name AS to_organisation, h.release_date, h.completed_at, h.handover_place, h.documents
           FROM handover h JOIN organisation f ON f.id = h.from_organisation_id JOIN organisation s ON s.id = h.to_organisation_id
          WHERE h.trainee_id = $1 ORDER BY h.created_at`,
      ),
      q<CorrectionEntryRow>(
        `SELECT field, message, status, created_at, resolution_note FROM correction_request WHERE trainee_id = $1 ORDER BY created_at`,
      ),
      q<AccessLogEntryRow>(
        `SELECT occurred_at, actor_role, action, result FROM audit_log WHERE subject_type = 'trainee' AND subject_id = $1::text ORDER BY occurred_at DESC LIMIT 500`,
      ),
    ]);
    return { history, checklist, consents, handovers, corrections, accessLog };
  }

  /** A trainee's correction requests, newest first. */
  correctionsOf(traineeId: string): Promise<CorrectionRequest[]> {
    return this.corrections.find({ where: { traineeId }, order: { createdAt: 'DESC' } });
  }

  findCorrection(id: string): Promise<CorrectionRequest | null> {
    return this.corrections.findOneBy({ id });
  }

  createCorrection(
    data: Pick<CorrectionRequest, 'traineeId' | 'field' | 'message' | 'createdBy' | 'assisted'>,
    m: EntityManager,
  ): Promise<CorrectionRequest> {
    const repo = m.getRepository(CorrectionRequest);
    return repo.save(repo.create(data));
  }

  async resolveCorrection(id: string, resolution: CorrectionResolution, m: EntityManager): Promise<void> {
    await m.getRepository(CorrectionRequest).update({ id }, resolution);
  }
}
