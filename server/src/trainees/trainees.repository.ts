import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { COUNT_CAP, decodeCursor, encodeCursor } from '../common/dto/page.dto';
import { badRequest } from '../common/domain-error';
import { prefixRange } from '../common/prefix-range';
import { CHECKLIST_ITEMS } from './checklist-item.entity';
import type { TraineeQueryDto } from './dto/trainee.dto';
import { TraineeStateChange } from './trainee-state-change.entity';
import { Trainee, type TraineeState } from './trainee.entity';
import { TraineeSnapshot } from './trainee-snapshot.entity';
import type { AdmissionReason } from './trainee-episode.entity';

/**
 * `all` for admins. For a counsellor's organisation: the trainees it holds, those it handed over
 * (read-only: what it recorded stays visible to it), and those being handed over to it.
 */
export type TraineeScope = { kind: 'all' } | { kind: 'organisation'; organisationId: string };

export interface TraineeRow {
  id: string;
  full_name: string;
  sex: 'M' | 'F';
  birth_year: number;
  identity_number_tail: string;
  home_division_code: string;
  home_division_name: string;
  organisation_id: string;
  organisation_name: string;
  state: TraineeState;
  admitted_on: string;
  expected_release_on: string;
  released_on: string | null;
  job_matching: boolean;
  checklist_done: number;
  checklist_total: number;
  read_only: boolean;
  /** An open lost-contact case (失联; the supervision module's table, read by its partial unique index). */
  lost_contact: boolean;
}

/** One roster row as the import stores it (identity number already reduced to cipher, hash and facts). */
export type ImportedTrainee = Pick<
  Trainee,
  | 'fullName'
  | 'sex'
  | 'birthYear'
  | 'identityNumberCipher'
  | 'identityNumberHash'
  | 'identityNumberTail'
  | 'homeDivisionCode'
  | 'state'
  | 'admittedOn'
  | 'expectedReleaseOn'
  | 'phone'
  | 'educationLevel'
  | 'skills'
  | 'wageExpectation'
  | 'willingToLiveOnSite'
  | 'workHistory'
>;

/** A history entry shared by several trainees (a bulk move). */
export type StateChangeOf = Pick<TraineeStateChange, 'fromState' | 'toState' | 'changedBy' | 'reason'>;

/**
 * The caseload's sort keys, each followed by the row id so the order is total (keyset paging needs
 * that). Every key column is NOT NULL, so the cursor never holds a null. By state, the earliest
 * release comes first within a state. Each key has a `(organisation_id, …keys, id)` index
 * (CaseloadKeyset migration).
 */
const SORT_KEYS: Record<NonNullable<TraineeQueryDto['sort']>, readonly { column: string; type: 'date' | 'text' }[]> = {
  expectedRelease: [{ column: 't.expected_release_on', type: 'date' }],
  name: [{ column: 't.full_name', type: 'text' }],
  admitted: [{ column: 't.admitted_on', type: 'date' }],
  state: [
    { column: 't.state', type: 'text' },
    { column: 't.expected_release_on', type: 'date' },
  ],
};

/** Rows of one export at most (as before issue 17). */
const EXPORT_CAP = 100_000;

/** A caseload page as the repository answers it: rows, the total capped at COUNT_CAP, the keyset cursor. */
export interface CaseloadPage {
  rows: TraineeRow[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
}

/** The columns of a caseload row; `$1` is the caller's organisation (or NULL for admins). */
const ROW_SELECT = `
  t.id, t.full_name, t.sex, t.birth_year, t.identity_number_tail, t.home_division_code, d.name AS home_division_name,
  t.organisation_id, o.name AS organisation_name, t.state, t.admitted_on::text, t.expected_release_on::text, t.released_on::text,
  t.job_matching_consent AS job_matching,
  (SELECT count(*) FILTER (WHERE ci.done_on IS NOT NULL) FROM checklist_item ci WHERE ci.trainee_id = t.id)::int AS checklist_done,
  (SELECT count(*) FROM checklist_item ci WHERE ci.trainee_id = t.id)::int AS checklist_total,
  ($1::uuid IS NOT NULL AND t.organisation_id <> $1::uuid) AS read_only,
  EXISTS (SELECT 1 FROM lost_contact lc WHERE lc.trainee_id = t.id AND lc.found_on IS NULL) AS lost_contact`;

const FROM = `FROM trainee t JOIN division d ON d.code = t.home_division_code JOIN organisation o ON o.id = t.organisation_id`;

/**
 * Trainees visible to organisation `$1` (NULL: everyone). The handover part is a hashed subplan
 * evaluated once per query, not a lookup per row.
 */
const IN_SCOPE = `($1::uuid IS NULL OR t.organisation_id = $1::uuid OR t.id IN (
  SELECT h.trainee_id FROM handover h WHERE
    (h.from_organisation_id = $1::uuid AND h.state = 'completed') OR (h.to_organisation_id = $1::uuid AND h.state IN ('sent', 'accepted'))))`;

/** The transaction-scoped advisory lock key that keeps the pre-release run to one process at a time. */
const PRE_RELEASE_LOCK = 7_230_502;

const orgParam = (scope: TraineeScope) => (scope.kind === 'all' ? null : scope.organisationId);

/**
 * The caseload's scope as disjoint branches of a UNION ALL, each a plain predicate on `trainee t`:
 * the organisation's own trainees (an index range on `organisation_id` in sort order), then the few
 * it handed over or is receiving. The OR of IN_SCOPE would hide the first from the indexes.
 */
function scopeBranches(scope: TraineeScope): string[] {
  if (scope.kind === 'all') return ['TRUE'];
  return [
    `t.organisation_id = $1::uuid`,
    `t.organisation_id <> $1::uuid AND t.id IN (SELECT h.trainee_id FROM handover h WHERE
       (h.from_organisation_id = $1::uuid AND h.state = 'completed') OR (h.to_organisation_id = $1::uuid AND h.state IN ('sent', 'accepted')))`,
  ];
}

/** The caseload filters as one SQL condition on `trainee t`; their values are appended to `params`. */
function caseloadFilters(q: TraineeQueryDto, identityHash: string | null, params: unknown[]): string {
  const where = ['TRUE'];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.state) add((p) => `t.state = ${p}`, q.state);
  // The cases being worked: not closed, and held by the caller's organisation ($1; null for admins),
  // not the read-only copies of people handed over to a station.
  else if (q.active === 'true') where.push(`t.state <> 'closed' AND ($1::uuid IS NULL OR t.organisation_id = $1::uuid)`);
  if (q.releaseFrom) add((p) => `t.expected_release_on >= ${p}::date`, q.releaseFrom);
  if (q.releaseTo) add((p) => `t.expected_release_on <= ${p}::date`, q.releaseTo);
  if (q.jobMatchingConsent) where.push(`t.job_matching_consent = ${q.jobMatchingConsent === 'granted' ? 'TRUE' : 'FALSE'}`);
  if (identityHash) add((p) => `t.identity_number_hash = ${p}`, identityHash);
  // A prefix, as people type a surname or a whole name (two or three characters: too short for
  // trigrams); idx_trainee_caseload_name_prefix serves it whatever the database's collation. As a
  // range of pattern comparisons, not LIKE: see prefixRange (row-level security and leakproofness).
  else if (q.q) {
    const { from, to } = prefixRange(q.q);
    add((p) => `t.full_name::text ~>=~ ${p}`, from);
    if (to === null) add((p) => `starts_with(t.full_name::text, ${p})`, q.q);
    else add((p) => `t.full_name::text ~<~ ${p}`, to);
  }
  return where.join(' AND ');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Years PostgreSQL and the app both take as a date (year 0 is a 500 in SQL). */
const ISO_DATE = /^[12]\d{3}-\d{2}-\d{2}$/;
const isDate = (v: string) =>
  ISO_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** The cursor after `row`: which sort it belongs to, the row's sort values, its id. */
function encodeCaseloadCursor(row: TraineeRow, q: TraineeQueryDto): string {
  const sort = q.sort ?? 'expectedRelease';
  const value: Record<typeof sort, string[]> = {
    expectedRelease: [row.expected_release_on],
    name: [row.full_name],
    admitted: [row.admitted_on],
    state: [row.state, row.expected_release_on],
  };
  return encodeCursor([`${sort}.${q.order ?? 'asc'}`, ...value[sort], row.id]);
}

/**
 * The sort values and id in a cursor, checked so that nothing but a well-formed value of the right
 * type reaches SQL (a bad date or uuid there would be a 500). A cursor of another sort or order is
 * refused rather than read as this one's. It only says where to start: the scope still decides
 * which rows come back.
 */
function decodeCaseloadCursor(token: string, q: TraineeQueryDto): string[] {
  const keys = SORT_KEYS[q.sort ?? 'expectedRelease'];
  const [tag, ...values] = decodeCursor(token, ['string', ...keys.map(() => 'string'), 'string']) as string[];
  const id = values[values.length - 1] ?? '';
  const ok =
    tag === `${q.sort ?? 'expectedRelease'}.${q.order ?? 'asc'}` &&
    UUID.test(id) &&
    keys.every((k, i) => (k.type === 'date' ? isDate(values[i] ?? '') : !(values[i] ?? '').includes('\u0000')));
  if (!ok) throw badRequest('PAGE_CURSOR_INVALID');
  return values;
}

@Injectable()
export class TraineesRepository {
  constructor(@InjectRepository(Trainee) private readonly repo: Repository<Trainee>) {}

  private of(m?: EntityManager) {
    return m ? m.getRepository(Trainee) : this.repo;
  }

  async countByState(scope: TraineeScope): Promise<{ state: TraineeState; n: number; releasing: number }[]> {
    const qb = this.repo
      .createQueryBuilder('t')
      .select('t.state', 'state')
      .addSelect('count(*)::int', 'n')
      .addSelect(
        `count(*) FILTER (WHERE t.state IN ('admitted','pre_release') AND t.expected_release_on <= current_date + 30)::int`,
        'releasing',
      )
      .groupBy('t.state');
    if (scope.kind === 'organisation') qb.where('t.organisation_id = :org', { org: scope.organisationId });
    return qb.getRawMany();
  }

  findByUser(userId: string): Promise<Trainee | null> {
    return this.repo.findOne({ where: { userId }, relations: { organisation: true, homeDivision: true } });
  }

  /**
   * One page of the caseload and its capped total, in one statement. With `q.after` (a cursor this
   * method handed out) the page starts after that row by keyset and `q.page` is ignored; otherwise by
   * OFFSET, for jumps. The identity-number filter matches the keyed hash exactly.
   */
  async search(q: TraineeQueryDto, scope: TraineeScope, identityHash: string | null): Promise<CaseloadPage> {
    const keys = SORT_KEYS[q.sort ?? 'expectedRelease'];
    const desc = q.order === 'desc';
    const params: unknown[] = [orgParam(scope)];
    const filters = caseloadFilters(q, identityHash, params);
    let keyset = 'TRUE';
    if (q.after) {
      const values = decodeCaseloadCursor(q.after, q);
      const placeholders = values.map((v, i) => {
        params.push(v);
        return `$${params.length}::${keys[i]?.type ?? 'uuid'}`;
      });
      keyset = `(${[...keys.map((k) => k.column), 't.id'].join(', ')}) ${desc ? '<' : '>'} (${placeholders.join(', ')})`;
    }
    const branches = scopeBranches(scope);
    const sortColumns = keys.map((k, i) => `${k.column} AS sort_${i}`).join(', ');
    const orderOf = (alias: string) =>
      [...keys.map((_, i) => `${alias}sort_${i}`), `${alias}id`].map((c) => `${c}${desc ? ' DESC' : ''}`).join(', ');
    const offset = q.after ? 0 : (q.page - 1) * q.pageSize;
    // Each scope branch is ordered and cut on its own, so the organisation's branch is an index range
    // read in order that stops after `reach` rows, not a sort of the whole caseload.
    const reach = offset + q.pageSize + 1;
    // The count stops at COUNT_CAP + 1 rows: past it the exact number costs more than the page and helps nobody.
    // The page takes one row more than asked, to know whether there is a next one.
    const rows = await this.repo.query<(TraineeRow & { total: number })[]>(
      `WITH counted AS (
         SELECT count(*)::int AS total FROM (${branches.map((b) => `SELECT 1 FROM trainee t WHERE ${b} AND ${filters}`).join(' UNION ALL ')} LIMIT ${COUNT_CAP + 1}) c
       ), page AS (
         SELECT id, ${keys.map((_, i) => `sort_${i}`).join(', ')} FROM (${branches
           .map(
             (b) =>
               `(SELECT t.id, ${sortColumns} FROM trainee t WHERE ${b} AND ${filters} AND ${keyset} ORDER BY ${orderOf('')} LIMIT ${reach})`,
           )
           .join(' UNION ALL ')}) m
         ORDER BY ${orderOf('')} LIMIT ${q.pageSize + 1} OFFSET ${offset}
       )
       SELECT counted.total, r.* FROM counted LEFT JOIN (
         SELECT ${ROW_SELECT}, ${keys.map((_, i) => `page.sort_${i}`).join(', ')}
           FROM page JOIN trainee t ON t.id = page.id JOIN division d ON d.code = t.home_division_code JOIN organisation o ON o.id = t.organisation_id
       ) r ON TRUE
       ORDER BY ${orderOf('r.')}`,
      params,
    );
    const total = rows[0]?.total ?? 0;
    const found = rows.filter((r) => r.id !== null);
    const items = found.slice(0, q.pageSize).map(({ total: _, ...row }) => row);
    const last = items[items.length - 1];
    return {
      rows: items,
      total: Math.min(total, COUNT_CAP),
      totalCapped: total > COUNT_CAP,
      nextCursor: found.length > q.pageSize && last ? encodeCaseloadCursor(last, q) : null,
    };
  }

  /**
   * Every row the caller may see, for the Excel export: the same filters and order, at most
   * EXPORT_CAP rows, one statement and no count.
   */
  async searchAll(q: TraineeQueryDto, scope: TraineeScope, identityHash: string | null): Promise<TraineeRow[]> {
    const keys = SORT_KEYS[q.sort ?? 'expectedRelease'];
    const desc = q.order === 'desc' ? ' DESC' : '';
    const params: unknown[] = [orgParam(scope)];
    const filters = caseloadFilters(q, identityHash, params);
    const order = [...keys.map((k) => k.column), 't.id'].map((c) => `${c}${desc}`).join(', ');
    // As before issue 17 less the count: the bare ids are ordered and cut first, then the rows (with
    // their per-row sub-selects) are built for those only. Over a whole caseload the OR of IN_SCOPE
    // reads the table once, which beats index order here.
    return this.repo.query<TraineeRow[]>(
      `SELECT ${ROW_SELECT} FROM (SELECT t.id FROM trainee t WHERE ${IN_SCOPE} AND ${filters} ORDER BY ${order} LIMIT ${EXPORT_CAP}) page
         JOIN trainee t ON t.id = page.id JOIN division d ON d.code = t.home_division_code JOIN organisation o ON o.id = t.organisation_id
        ORDER BY ${order}`,
      params,
    );
  }

  async findRowInScope(id: string, scope: TraineeScope): Promise<TraineeRow | null> {
    const rows = await this.repo.query<TraineeRow[]>(`SELECT ${ROW_SELECT} ${FROM} WHERE t.id = $2 AND ${IN_SCOPE}`, [orgParam(scope), id]);
    return rows[0] ?? null;
  }

  /** The organisation's frozen copy of a trainee it handed over (the latest, if it did so twice). */
  findSnapshot(traineeId: string, organisationId: string): Promise<TraineeSnapshot | null> {
    return this.repo.manager.getRepository(TraineeSnapshot).findOne({ where: { traineeId, organisationId }, order: { takenAt: 'DESC' } });
  }

  async saveSnapshot(s: Pick<TraineeSnapshot, 'traineeId' | 'organisationId' | 'handoverId' | 'record'>, m: EntityManager): Promise<void> {
    await m.getRepository(TraineeSnapshot).insert(s);
  }

  findById(id: string, m?: EntityManager): Promise<Trainee | null> {
    return this.of(m).findOneBy({ id });
  }

  /** Locks the trainee for a change of state or holder. */
  findForUpdate(id: string, m: EntityManager): Promise<Trainee | null> {
    return m.getRepository(Trainee).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Whether a record has this identity number, sealed ones included (they are hidden from every other query). */
  async identityHashTaken(hash: string): Promise<boolean> {
    return (await this.takenIdentityHashes([hash])).size > 0;
  }

  /** Which of these identity-number hashes already have a trainee file (sealed ones included). */
  async takenIdentityHashes(hashes: string[]): Promise<Set<string>> {
    const rows = await this.repo.query<{ h: string }[]>(`SELECT h FROM trainee_identity_hashes_taken($1::text[]) h`, [hashes]);
    return new Set(rows.map((r) => r.h));
  }

  /** Whether the record with this identity number is sealed (a re-admission must say so, not "no record"). */
  async identitySealed(hash: string, m: EntityManager): Promise<boolean> {
    const [row] = await m.query<[{ sealed: boolean }]>(`SELECT trainee_identity_sealed($1) AS sealed`, [hash]);
    return row.sealed;
  }

  /**
   * Inserts a whole roster in one statement, held by `organisationId` and created by `createdBy`.
   * Returns the new ids and states, in the order of `rows`.
   */
  insertMany(
    rows: ImportedTrainee[],
    organisationId: string,
    createdBy: string,
    m: EntityManager,
  ): Promise<{ id: string; state: TraineeState }[]> {
    return m.query<{ id: string; state: TraineeState }[]>(
      `INSERT INTO trainee (full_name, sex, birth_year, identity_number_cipher, identity_number_hash, identity_number_tail,
         home_division_code, state, admitted_on, expected_release_on, phone, education_level, skills, wage_expectation,
         willing_to_live_on_site, work_history, organisation_id, created_by)
       SELECT r.full_name, r.sex, r.birth_year, r.cipher, r.hash, r.tail, r.home, r.state, r.admitted_on, r.expected_release_on,
         r.phone, r.education_level, r.skills::jsonb, r.wage, r.live, r.work, $1, $2
       FROM unnest($3::text[], $4::text[], $5::smallint[], $6::bytea[], $7::text[], $8::text[], $9::text[], $10::text[],
                   $11::date[], $12::date[], $13::text[], $14::text[], $15::text[], $16::int[], $17::boolean[], $18::text[])
         AS r(full_name, sex, birth_year, cipher, hash, tail, home, state, admitted_on, expected_release_on, phone, education_level,
              skills, wage, live, work)
       RETURNING id, state`,
      [
        organisationId,
        createdBy,
        rows.map((r) => r.fullName),
        rows.map((r) => r.sex),
        rows.map((r) => r.birthYear),
        rows.map((r) => r.identityNumberCipher),
        rows.map((r) => r.identityNumberHash),
        rows.map((r) => r.identityNumberTail),
        rows.map((r) => r.homeDivisionCode),
        rows.map((r) => r.state),
        rows.map((r) => r.admittedOn),
        rows.map((r) => r.expectedReleaseOn),
        rows.map((r) => r.phone),
        rows.map((r) => r.educationLevel),
        rows.map((r) => JSON.stringify(r.skills)),
        rows.map((r) => r.wageExpectation),
        rows.map((r) => r.willingToLiveOnSite),
        rows.map((r) => r.workHistory),
      ],
    );
  }

  async create(data: Partial<Trainee>, m?: EntityManager): Promise<Trainee> {
    const repo = this.of(m);
    return repo.save(repo.create(data));
  }

  async update(id: string, patch: Partial<Trainee>, m?: EntityManager): Promise<void> {
    await this.of(m).update({ id }, patch);
  }

  async recordStateChange(change: Partial<TraineeStateChange>, m: EntityManager): Promise<void> {
    await m.getRepository(TraineeStateChange).insert(change);
  }

  /** The same history entry for each of `traineeIds`, in one statement. */
  async recordStateChanges(traineeIds: string[], change: StateChangeOf, m: EntityManager): Promise<void> {
    if (traineeIds.length === 0) return;
    await m.query(
      `INSERT INTO trainee_state_change (trainee_id, from_state, to_state, changed_by, reason)
       SELECT id, $2::varchar, $3::varchar, $4::uuid, $5 FROM unnest($1::uuid[]) AS id`,
      [traineeIds, change.fromState, change.toState, change.changedBy, change.reason],
    );
  }

  history(
    traineeId: string,
  ): Promise<
    { from_state: TraineeState | null; to_state: TraineeState; changed_at: Date; changed_by_name: string | null; reason: string }[]
  > {
    return this.repo.query(
      `SELECT s.from_state, s.to_state, s.changed_at, u.display_name AS changed_by_name, s.reason
         FROM trainee_state_change s LEFT JOIN app_user u ON u.id = s.changed_by
        WHERE s.trainee_id = $1 ORDER BY s.changed_at, s.id`,
      [traineeId],
    );
  }

  /** Creates the pre-release checklist (idempotent). */
  async openChecklist(traineeIds: string[], m: EntityManager): Promise<void> {
    if (traineeIds.length === 0) return;
    await m.query(
      `INSERT INTO checklist_item (trainee_id, item_key) SELECT t, k FROM unnest($1::uuid[]) t CROSS JOIN unnest($2::varchar[]) k ON CONFLICT DO NOTHING`,
      [traineeIds, [...CHECKLIST_ITEMS]],
    );
  }

  /**
   * Takes the pre-release run's advisory lock for the rest of `m`'s transaction; false when another
   * process holds it.
   */
  async tryLockPreRelease(m: EntityManager): Promise<boolean> {
    const [{ locked }] = await m.query<[{ locked: boolean }]>('SELECT pg_try_advisory_xact_lock($1) AS locked', [PRE_RELEASE_LOCK]);
    return locked;
  }

  /**
   * Moves every admitted trainee whose expected release is within `days` of `today` into
   * pre-release, with history and checklist, in one transaction. Returns the ids moved.
   */
  async openDuePreRelease(today: string, days: number, m: EntityManager): Promise<string[]> {
    const moved = await m.query<{ id: string }[]>(
      `UPDATE trainee SET state = 'pre_release', updated_at = now()
        WHERE state = 'admitted' AND expected_release_on <= $1::date + $2::int
        RETURNING id`,
      [today, days],
    );
    const ids = (Array.isArray(moved[0]) ? (moved[0] as { id: string }[]) : moved).map((r) => r.id);
    if (ids.length === 0) return ids;
    await m.query(
      `INSERT INTO trainee_state_change (trainee_id, from_state, to_state, changed_by, reason)
       SELECT id, 'admitted', 'pre_release', NULL, $2 FROM unnest($1::uuid[]) AS id`,
      [ids, `预计出所前${days}天自动进入出所前准备 · opened automatically ${days} days before the expected release`],
    );
    await this.openChecklist(ids, m);
    return ids;
  }

  /** The trainees among these ids that exist: who they are, where they stand, and their job-matching consent. */
  summariesOf(ids: string[], m?: EntityManager): Promise<Pick<Trainee, 'id' | 'fullName' | 'state' | 'jobMatchingConsent'>[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.of(m).find({ select: { id: true, fullName: true, state: true, jobMatchingConsent: true }, where: { id: In(ids) } });
  }

  /** The accounts of these trainees (those who have one); with `openFilesOnly`, not of closed files. */
  async accountIdsOf(ids: string[], openFilesOnly: boolean, m?: EntityManager): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.of(m).find({
      select: { id: true, userId: true },
      where: { id: In(ids), userId: Not(IsNull()), ...(openFilesOnly ? { state: Not('closed' as const) } : {}) },
    });
    return rows.map((r) => r.userId!);
  }

  /** One trainee's facts a recommendation checks, share-locked (`FOR SHARE`) for the transaction. */
  shareLock(
    id: string,
    m: EntityManager,
  ): Promise<Pick<Trainee, 'id' | 'organisationId' | 'state' | 'jobMatchingConsent' | 'userId'> | null> {
    return m.getRepository(Trainee).findOne({
      select: { id: true, organisationId: true, state: true, jobMatchingConsent: true, userId: true },
      where: { id },
      lock: { mode: 'pessimistic_read' },
    });
  }
  /** The record with this identity number's keyed hash, locked for a re-admission; null when there is none. */
  async lockByIdentityHash(hash: string, m: EntityManager): Promise<Trainee | null> {
    return m.getRepository(Trainee).findOne({ where: { identityNumberHash: hash }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every admission of a person, oldest first, with the admitting facility's name. */
  episodes(traineeId: string): Promise<EpisodeRow[]> {
    return this.repo.manager.query<EpisodeRow[]>(
      `SELECT e.id, e.number, o.name AS facility_name, e.facility_id, e.admitted_on::text, e.expected_release_on::text,
              e.released_on::text, e.reason, e.created_at
         FROM trainee_episode e LEFT JOIN organisation o ON o.id = e.facility_id
        WHERE e.trainee_id = $1 ORDER BY e.number`,
      [traineeId],
    );
  }

  /**
   * Opens the person's next episode (number = the last one's + 1). The partial unique index
   * `uq_trainee_episode_open` refuses a second open episode, whatever the caller checked.
   */
  async openEpisode(
    e: { traineeId: string; facilityId: string; admittedOn: string; expectedReleaseOn: string; reason: AdmissionReason; openedBy: string },
    m: EntityManager,
  ): Promise<string> {
    const [row] = await m.query<[{ id: string }]>(
      `INSERT INTO trainee_episode (trainee_id, number, facility_id, admitted_on, expected_release_on, reason, opened_by)
       SELECT $1, COALESCE(max(number), 0) + 1, $2, $3, $4, $5, $6 FROM trainee_episode WHERE trainee_id = $1
       RETURNING id`,
      [e.traineeId, e.facilityId, e.admittedOn, e.expectedReleaseOn, e.reason, e.openedBy],
    );
    return row.id;
  }
}

/** One row of `episodes`. */
export interface EpisodeRow {
  id: string;
  number: number;
  facility_id: string | null;
  facility_name: string | null;
  admitted_on: string;
  expected_release_on: string;
  released_on: string | null;
  reason: AdmissionReason;
  created_at: Date;
}
