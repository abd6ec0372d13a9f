import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pageRows, pageWithTotalSql } from '../common/page-sql';
import { LostContact, StationTransfer, type TransferState } from './supervision.entities';

/** A transfer with the names the lists show (columns already in the DTO's names). */
export interface TransferRow {
  id: string;
  traineeId: string;
  traineeName: string;
  fromStationId: string;
  fromStationName: string;
  toStationId: string;
  toStationName: string;
  reason: string;
  note: string | null;
  state: TransferState;
  requestedAt: Date;
  requestedByName: string | null;
  decidedAt: Date | null;
  decidedByName: string | null;
  rejectReason: string | null;
}

export interface LostContactRow {
  id: string;
  traineeId: string;
  traineeName: string;
  stationId: string;
  stationName: string;
  since: string;
  attempts: number;
  escalatedAt: Date | null;
  foundOn: string | null;
  foundMethod: string | null;
  foundByName: string | null;
  note: string | null;
}

const TRANSFER_COLUMNS = `x.id, x.trainee_id AS "traineeId", t.full_name AS "traineeName", x.from_station_id AS "fromStationId",
  f.name AS "fromStationName", x.to_station_id AS "toStationId", o.name AS "toStationName", x.reason, x.note, x.state,
  x.requested_at AS "requestedAt", rq.display_name AS "requestedByName", x.decided_at AS "decidedAt",
  dc.display_name AS "decidedByName", x.reject_reason AS "rejectReason"`;
const TRANSFER_FROM = `FROM station_transfer x JOIN trainee t ON t.id = x.trainee_id
  JOIN organisation f ON f.id = x.from_station_id JOIN organisation o ON o.id = x.to_station_id
  LEFT JOIN app_user rq ON rq.id = x.requested_by LEFT JOIN app_user dc ON dc.id = x.decided_by`;

const LOST_COLUMNS = `l.id, l.trainee_id AS "traineeId", t.full_name AS "traineeName", l.station_id AS "stationId", s.name AS "stationName",
  l.since::text AS since, l.attempts, l.escalated_at AS "escalatedAt", l.found_on::text AS "foundOn", l.found_method AS "foundMethod",
  u.display_name AS "foundByName", l.note`;
const LOST_FROM = `FROM lost_contact l JOIN trainee t ON t.id = l.trainee_id JOIN organisation s ON s.id = l.station_id
  LEFT JOIN app_user u ON u.id = l.found_by`;

/** Transfers (转移监管) and lost-contact cases (失联): the only SQL of the supervision module. */
@Injectable()
export class SupervisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ---- transfers ----

  /** Transfers the station sends (until accepted) or receives (`null`: all, for admins); open ones first. */
  async searchTransfers(
    stationId: string | null,
    q: { direction?: 'incoming' | 'outgoing'; state?: TransferState; page: number; pageSize: number },
  ): Promise<[TransferRow[], number]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (stationId) {
      const p = `$${params.push(stationId)}::uuid`;
      const outgoing = `(x.from_station_id = ${p} AND x.state <> 'accepted')`;
      const incoming = `x.to_station_id = ${p}`;
      where.push(q.direction === 'outgoing' ? outgoing : q.direction === 'incoming' ? incoming : `(${outgoing} OR ${incoming})`);
    }
    if (q.state) where.push(`x.state = $${params.push(q.state)}`);
    const rows = await this.dataSource.query<(TransferRow & { page_total: number })[]>(
      pageWithTotalSql({
        select: `${TRANSFER_COLUMNS}, (x.state = 'requested') AS page_open`,
        from: TRANSFER_FROM,
        // Through trainee: a sealed person's row is hidden from the app's role, and so must its transfer be from the count.
        countFrom: 'FROM station_transfer x JOIN trainee t ON t.id = x.trainee_id',
        where,
        order: `(x.state = 'requested') DESC, x.requested_at DESC, x.id`,
        outerOrder: `page.page_open DESC, page."requestedAt" DESC, page.id`,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      }),
      params,
    );
    return pageRows(rows, 'id');
  }

  async findTransfer(id: string, m?: EntityManager): Promise<TransferRow | null> {
    const rows = await (m ?? this.dataSource.manager).query<TransferRow[]>(`SELECT ${TRANSFER_COLUMNS} ${TRANSFER_FROM} WHERE x.id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  /** Inserts a request; the partial unique index `uq_station_transfer_open` refuses a second open one. */
  async insertTransfer(data: Partial<StationTransfer>, m: EntityManager): Promise<string> {
    const r = await m.getRepository(StationTransfer).insert(data);
    return (r.identifiers[0] as { id: string }).id;
  }

  /**
   * Moves a transfer from `requested` to `to`, only if it is still requested: of two steps racing
   * (accept and cancel), exactly one changes the row; the other gets null. Returns the row as it was.
   */
  async decide(
    id: string,
    to: Exclude<TransferState, 'requested'>,
    by: string,
    at: Date,
    rejectReason: string | null,
    m: EntityManager,
  ): Promise<{ traineeId: string; fromStationId: string; toStationId: string } | null> {
    const [rows] = await m.query<[{ traineeId: string; fromStationId: string; toStationId: string }[], number]>(
      `UPDATE station_transfer SET state = $2, decided_by = $3, decided_at = $4, reject_reason = $5
        WHERE id = $1 AND state = 'requested'
        RETURNING trainee_id AS "traineeId", from_station_id AS "fromStationId", to_station_id AS "toStationId"`,
      [id, to, by, at, rejectReason],
    );
    return rows[0] ?? null;
  }

  async transferState(id: string, m: EntityManager): Promise<TransferState | null> {
    const t = await m.getRepository(StationTransfer).findOne({ select: { id: true, state: true }, where: { id } });
    return t?.state ?? null;
  }

  /** The active counsellors of a station (who hear of its transfers). */
  async counsellorsOf(organisationId: string, m: EntityManager): Promise<string[]> {
    const rows = await m.query<{ id: string }[]>(
      `SELECT id FROM app_user WHERE organisation_id = $1 AND role = 'counsellor' AND disabled_at IS NULL ORDER BY id`,
      [organisationId],
    );
    return rows.map((r) => r.id);
  }

  // ---- lost contact ----

  /** Open cases of the people a station holds (`null`: every station's, for admins), longest lost first. */
  async searchOpenLostContacts(stationId: string | null, q: { page: number; pageSize: number }): Promise<[LostContactRow[], number]> {
    const params: unknown[] = [];
    const where = ['l.found_on IS NULL'];
    if (stationId) where.push(`l.station_id = $${params.push(stationId)}::uuid AND t.organisation_id = l.station_id`);
    const rows = await this.dataSource.query<(LostContactRow & { page_total: number })[]>(
      pageWithTotalSql({
        select: `${LOST_COLUMNS}, l.since AS page_since`,
        from: LOST_FROM,
        where,
        order: 'l.since, l.id',
        outerOrder: 'page.page_since, page.id',
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      }),
      params,
    );
    return pageRows(rows, 'id');
  }

  async findLostContact(id: string, m?: EntityManager): Promise<LostContactRow | null> {
    const rows = await (m ?? this.dataSource.manager).query<LostContactRow[]>(`SELECT ${LOST_COLUMNS} ${LOST_FROM} WHERE l.id = $1`, [id]);
    return rows[0] ?? null;
  }

  lockLostContact(id: string, m: EntityManager): Promise<LostContact | null> {
    return m.getRepository(LostContact).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The person's open case, locked for the transaction; null when there is none. */
  openLostContactOf(traineeId: string, m: EntityManager): Promise<LostContact | null> {
    return m
      .getRepository(LostContact)
      .createQueryBuilder('l')
      .setLock('pessimistic_write')
      .where('l.trainee_id = :traineeId AND l.found_on IS NULL', { traineeId })
      .getOne();
  }

  /** Opens a case; null when one is open already (two records racing: the partial unique index decides). */
  async openLostContact(
    v: { traineeId: string; stationId: string; since: string; attempts: number; escalatedAt: Date },
    m: EntityManager,
  ): Promise<string | null> {
    const rows = await m.query<{ id: string }[]>(
      `INSERT INTO lost_contact (trainee_id, station_id, since, attempts, escalated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (trainee_id) WHERE found_on IS NULL DO NOTHING RETURNING id`,
      [v.traineeId, v.stationId, v.since, v.attempts, v.escalatedAt],
    );
    return rows[0]?.id ?? null;
  }

  async updateAttempts(id: string, attempts: number, m: EntityManager): Promise<void> {
    await m.getRepository(LostContact).update({ id }, { attempts });
  }

  async closeLostContact(
    id: string,
    f: { foundOn: string; foundAt: Date; foundBy: string; foundMethod: string | null; note: string | null },
    m: EntityManager,
  ): Promise<void> {
    await m.getRepository(LostContact).update({ id }, f);
  }

  /** On an accepted transfer: the person's open case moves with them. */
  async moveOpenLostContact(traineeId: string, stationId: string, m: EntityManager): Promise<void> {
    await m.query(`UPDATE lost_contact SET station_id = $2 WHERE trainee_id = $1 AND found_on IS NULL`, [traineeId, stationId]);
  }

  /** The people the station holds whose case is open. */
  async openLostContactTraineeIds(stationId: string, m?: EntityManager): Promise<string[]> {
    const rows = await (m ?? this.dataSource.manager).query<{ trainee_id: string }[]>(
      `SELECT l.trainee_id FROM lost_contact l JOIN trainee t ON t.id = l.trainee_id
        WHERE l.found_on IS NULL AND l.station_id = $1 AND t.organisation_id = $1`,
      [stationId],
    );
    return rows.map((r) => r.trainee_id);
  }
}
