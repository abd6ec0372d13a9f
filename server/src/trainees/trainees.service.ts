import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { FieldCipher } from '../common/crypto/field-cipher';
import { badRequest, conflict, DomainError, notFound } from '../common/domain-error';
import { type Page, pageOf } from '../common/dto/page.dto';
import { ReferenceService } from '../reference/reference.service';
import { UsersService } from '../users/users.service';
import { OutcomesService } from '../outcomes/outcomes.service';
import type {
  CaseloadSummaryDto,
  CreateTraineeDto,
  MyTraineeStatusDto,
  RevealedIdentityDto,
  StateChangeDto,
  TraineeDto,
  TraineeListItemDto,
  TraineeQueryDto,
  TransitionDto,
  UpdateTraineeDto,
} from './dto/trainee.dto';
import { assertIdentityNumber, identityFacts } from './identity-number';
import { assertTransition } from './trainee-lifecycle';
import { daysBetween, toTraineeDto, toTraineeListItem } from './trainee.mapper';
import { TRAINEE_STATES, type Trainee, type TraineeSkill, type TraineeState } from './trainee.entity';
import { type TraineeRow, type TraineeScope, TraineesRepository } from './trainees.repository';

/** Pre-release opens this many days before the expected release date. */
export const PRE_RELEASE_DAYS = 30;

/** The filters of a caseload search, for its audit entry (the free-text term is handled apart). */
const searchFilters = (q: TraineeQueryDto): Record<string, unknown> => Object.fromEntries(Object.entries(q).filter(([k]) => k !== 'q'));

/** Skills as stored: one entry per occupation, the level null when none was given. */
export const skillsOf = (skills: { occupationCode: string; level?: number | null }[] | undefined): TraineeSkill[] => {
  const byCode = new Map<string, TraineeSkill>();
  for (const s of skills ?? []) byCode.set(s.occupationCode, { occupationCode: s.occupationCode, level: s.level ?? null });
  return [...byCode.values()];
};

const notFoundTrainee = () => notFound('TRAINEE_RECORD');

@Injectable()
export class TraineesService {
  constructor(
    private readonly trainees: TraineesRepository,
    private readonly users: UsersService,
    private readonly reference: ReferenceService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly outcomes: OutcomesService,
  ) {}

  /** The caseload the caller reaches: everyone (admins) or their organisation's (see the trainee policy). */
  private scopeOf(user: AuthUser): TraineeScope {
    const organisationId = this.access.organisationOf(user);
    return organisationId ? { kind: 'organisation', organisationId } : { kind: 'all' };
  }

  async caseloadSummary(user: AuthUser): Promise<CaseloadSummaryDto> {
    const rows = await this.trainees.countByState(this.scopeOf(user));
    const byState = Object.fromEntries(TRAINEE_STATES.map((s) => [s, 0])) as Record<TraineeState, number>;
    let releasing = 0;
    for (const r of rows) {
      byState[r.state] = r.n;
      releasing += r.releasing;
    }
    return { total: rows.reduce((a, r) => a + r.n, 0), byState, releasingWithin30Days: releasing };
  }

  async list(
    user: AuthUser,
    q: TraineeQueryDto,
    ctx: RequestContext,
  ): Promise<Page<TraineeListItemDto> & { totalCapped: boolean; nextCursor: string | null }> {
    const hash = this.identityLookupHash(q.q);
    // Looking a full number up answers "is this guess right?": without the unmask permission that is a
    // way to rebuild a masked number from its last four, year and division (a few thousand tries).
    if (hash && !(await this.holdsUnmask(user))) {
      await this.audit.record({ actor: user, action: 'trainee.lookup_by_identity', result: 'denied', ctx });
      throw new DomainError(HttpStatus.FORBIDDEN, 'UNMASK_NOT_PERMITTED');
    }
    const { rows, total, totalCapped, nextCursor } = await this.trainees.search(q, this.scopeOf(user), hash);
    // Who searched what (never what came back): a name typed into the search is kept in the audit
    // trail, which only admins read; an identity number is never kept, only that one was looked up.
    // The cursor holds the previous page's last name, i.e. what came back: it is left out.
    await this.audit.record({
      actor: user,
      action: hash ? 'trainee.lookup_by_identity' : 'trainee.search',
      result: 'success',
      ctx,
      detail: { ...searchFilters({ ...q, after: undefined }), ...(hash ? {} : q.q ? { name: q.q } : {}), total },
    });
    const today = this.clock.today();
    const items = rows.map((r) => toTraineeListItem(r, today));
    return { ...pageOf(items, total, q), totalCapped, nextCursor };
  }

  /** Rows for the Excel export: the same filters, everything the caller may see. */
  async listAll(user: AuthUser, q: TraineeQueryDto, ctx: RequestContext): Promise<TraineeListItemDto[]> {
    const rows = await this.trainees.searchAll(q, this.scopeOf(user), this.identityLookupHash(q.q));
    await this.audit.record({ actor: user, action: 'trainee.export', result: 'success', ctx, detail: { rows: rows.length } });
    const today = this.clock.today();
    return rows.map((r) => toTraineeListItem(r, today));
  }

  /** A full identity number typed into the search box is looked up by its keyed hash, never stored. */
  private identityLookupHash(q: string | undefined): string | null {
    return q && /^\d{17}[\dXx]$/.test(q) ? this.cipher.lookupHash(q) : null;
  }

  /** Reads a trainee's file; every read is audited. */
  async get(user: AuthUser, id: string, ctx: RequestContext): Promise<TraineeDto> {
    const { row, trainee } = await this.readable(user, id);
    await this.audit.record({ actor: user, action: 'trainee.read', subjectType: 'trainee', subjectId: id, result: 'success', ctx });
    // The organisation that released the person reads what it recorded, frozen at the handover.
    const frozen = await this.frozenCopyFor(user, row);
    if (frozen) return frozen;
    const vocabulary = await this.reference.vocabularyNames(trainee.skills, trainee.preferredIndustries);
    return toTraineeDto(row, trainee, this.clock.today(), await this.mayReveal(user, row), vocabulary);
  }

  async create(user: AuthUser, dto: CreateTraineeDto, ctx: RequestContext): Promise<TraineeDto> {
    const account = await this.users.findAccountWithOrganisation(user.id);
    if (!account || account.organisationType !== 'facility') {
      throw new DomainError(HttpStatus.FORBIDDEN, 'FACILITY_ONLY.TRAINEES');
    }
    assertIdentityNumber(dto.identityNumber, this.clock.now());
    await this.assertDivisions(dto.homeDivisionCode, dto.preferredDivisions);
    await this.assertVocabulary(dto);
    if (dto.expectedReleaseOn < dto.admittedOn) {
      throw badRequest('RELEASE_BEFORE_ADMISSION');
    }
    const hash = this.cipher.lookupHash(dto.identityNumber);
    const id = await this.dataSource.transaction(async (m) => {
      if (await this.trainees.identityHashTaken(hash)) throw duplicateTrainee();
      const trainee = await this.insertTrainee(dto, user, m);
      await this.audit.record(
        { actor: user, action: 'trainee.create', subjectType: 'trainee', subjectId: trainee.id, result: 'success', ctx },
        m,
      );
      return trainee.id;
    });
    return this.get(user, id, ctx);
  }

  /**
   * Inserts one trainee (with their first history entry, and the pre-release checklist when the
   * release is already near). Shared by the form and the Excel import, inside the caller's transaction.
   */
  async insertTrainee(dto: CreateTraineeDto, user: AuthUser, m: EntityManager): Promise<Trainee> {
    const v = dto.identityNumber.trim().toUpperCase();
    const state: TraineeState = daysBetween(this.clock.today(), dto.expectedReleaseOn) <= PRE_RELEASE_DAYS ? 'pre_release' : 'admitted';
    const trainee = await this.trainees.create(
      {
        ...identityFacts(v),
        fullName: dto.fullName,
        identityNumberCipher: this.cipher.encrypt(v),
        identityNumberHash: this.cipher.lookupHash(v),
        homeDivisionCode: dto.homeDivisionCode,
        organisationId: user.organisationId,
        state,
        admittedOn: dto.admittedOn,
        expectedReleaseOn: dto.expectedReleaseOn,
        phone: dto.phone ?? null,
        educationLevel: dto.educationLevel ?? null,
        workHistory: dto.workHistory ?? null,
        skills: skillsOf(dto.skills),
        skillsNote: dto.skillsNote ?? null,
        preferredIndustries: dto.preferredIndustries ?? [],
        preferredDivisions: dto.preferredDivisions ?? [],
        wageExpectation: dto.wageExpectation ?? null,
        willingToLiveOnSite: dto.willingToLiveOnSite ?? null,
        createdBy: user.id,
      },
      m,
    );
    await this.trainees.recordStateChange(
      { traineeId: trainee.id, fromState: null, toState: 'admitted', changedBy: user.id, reason: '建档 · record created' },
      m,
    );
    if (state === 'pre_release') {
      await this.trainees.recordStateChange(
        {
          traineeId: trainee.id,
          fromState: 'admitted',
          toState: 'pre_release',
          changedBy: null,
          reason: `预计出所不足${PRE_RELEASE_DAYS}天 · release within ${PRE_RELEASE_DAYS} days`,
        },
        m,
      );
      await this.trainees.openChecklist([trainee.id], m);
    }
    return trainee;
  }

  async update(user: AuthUser, id: string, dto: UpdateTraineeDto, ctx: RequestContext): Promise<TraineeDto> {
    await this.writable(user, id);
    if (dto.homeDivisionCode || dto.preferredDivisions) await this.assertDivisions(dto.homeDivisionCode, dto.preferredDivisions);
    await this.assertVocabulary(dto);
    await this.dataSource.transaction(async (m) => {
      const t = await this.trainees.findForUpdate(id, m);
      if (!t) throw notFoundTrainee();
      if (dto.expectedReleaseOn && dto.expectedReleaseOn < t.admittedOn) {
        throw badRequest('RELEASE_BEFORE_ADMISSION');
      }
      const { skills, ...rest } = dto;
      await this.trainees.update(id, { ...rest, ...(skills ? { skills: skillsOf(skills) } : {}) }, m);
      // The home division is a group the outcome reports count the person in.
      if (dto.homeDivisionCode) await this.outcomes.refresh(m, [id]);
      await this.audit.record(
        {
          actor: user,
          action: 'trainee.update',
          subjectType: 'trainee',
          subjectId: id,
          result: 'success',
          ctx,
          detail: { fields: Object.keys(dto) },
        },
        m,
      );
    });
    return this.get(user, id, ctx);
  }

  /** Shows the full identity number: a separate permission, and every attempt is audited. */
  async revealIdentity(user: AuthUser, id: string, reason: string, ctx: RequestContext): Promise<RevealedIdentityDto> {
    const { row, trainee } = await this.readable(user, id);
    if (!(await this.mayReveal(user, row))) {
      await this.audit.record({
        actor: user,
        action: 'trainee.identity_reveal',
        subjectType: 'trainee',
        subjectId: id,
        result: 'denied',
        ctx,
        detail: { reason },
      });
      throw new DomainError(HttpStatus.FORBIDDEN, 'UNMASK_NOT_PERMITTED.TRAINEES');
    }
    await this.audit.record({
      actor: user,
      action: 'trainee.identity_reveal',
      subjectType: 'trainee',
      subjectId: id,
      result: 'success',
      ctx,
      detail: { reason },
    });
    return { identityNumber: this.cipher.decrypt(trainee.identityNumberCipher) };
  }

  /** A counsellor moves a trainee along the lifecycle (manual moves only; see trainee-lifecycle.ts). */
  async transition(user: AuthUser, id: string, dto: TransitionDto, ctx: RequestContext): Promise<TraineeDto> {
    await this.writable(user, id);
    await this.dataSource.transaction(async (m) => {
      const t = await this.trainees.findForUpdate(id, m);
      if (!t) throw notFoundTrainee();
      assertTransition(t.state, dto.to, 'manual');
      await this.applyTransition(t, dto.to, user.id, dto.reason, m);
      await this.audit.record(
        {
          actor: user,
          action: 'trainee.transition',
          subjectType: 'trainee',
          subjectId: id,
          result: 'success',
          ctx,
          detail: { from: t.state, to: dto.to },
        },
        m,
      );
    });
    return this.get(user, id, ctx);
  }

  /** Applies a checked transition with its history row (and the checklist when pre-release opens). */
  async applyTransition(
    t: Trainee,
    to: TraineeState,
    by: string | null,
    reason: string,
    m: EntityManager,
    patch: Partial<Trainee> = {},
  ): Promise<void> {
    await this.trainees.update(t.id, { state: to, ...patch }, m);
    await this.trainees.recordStateChange({ traineeId: t.id, fromState: t.state, toState: to, changedBy: by, reason }, m);
    // A release (its date, the station now holding the person) changes the outcome reports.
    await this.outcomes.refresh(m, [t.id]);
    if (to === 'pre_release') await this.trainees.openChecklist([t.id], m);
  }

  /**
   * Freezes the releasing facility's copy, inside the handover's completion (before the station takes
   * the record over). Built from the committed file as the facility saw it, identity masked.
   */
  async freezeForReleasingFacility(traineeId: string, organisationId: string, handoverId: string, m: EntityManager): Promise<void> {
    const row = await this.trainees.findRowInScope(traineeId, { kind: 'organisation', organisationId });
    const trainee = await this.trainees.findById(traineeId);
    if (!row || !trainee) throw notFoundTrainee();
    const vocabulary = await this.reference.vocabularyNames(trainee.skills, trainee.preferredIndustries);
    const record = toTraineeDto(row, trainee, this.clock.today(), false, vocabulary);
    await this.trainees.saveSnapshot({ traineeId, organisationId, handoverId, record }, m);
  }

  /** The caller's organisation's frozen copy when it handed this person over; null otherwise. */
  async frozenCopyFor(user: AuthUser, row: TraineeRow): Promise<TraineeDto | null> {
    const organisationId = this.access.organisationOf(user);
    if (!row.read_only || !organisationId) return null;
    const snapshot = await this.trainees.findSnapshot(row.id, organisationId);
    if (!snapshot) return null;
    return {
      ...snapshot.record,
      readOnly: true,
      canRevealIdentityNumber: false,
      frozenAt: snapshot.takenAt.toISOString(),
      // What the station learnt since is not the releasing facility's to know.
      lostContact: false,
    };
  }

  /** Locks a trainee row inside the caller's transaction (for a change of holder or state). */
  async lockTrainee(id: string, m: EntityManager): Promise<Trainee> {
    const t = await this.trainees.findForUpdate(id, m);
    if (!t) throw notFoundTrainee();
    return t;
  }

  async history(user: AuthUser, id: string): Promise<StateChangeDto[]> {
    const { row } = await this.readable(user, id);
    // The releasing facility's history ends with its handover (what came after is the station's).
    const frozen = await this.frozenCopyFor(user, row);
    const until = frozen?.frozenAt ? Date.parse(frozen.frozenAt) : Infinity;
    return (await this.trainees.history(id))
      .filter((h) => new Date(h.changed_at).getTime() <= until)
      .map((h) => ({
        fromState: h.from_state,
        toState: h.to_state,
        changedAt: new Date(h.changed_at).toISOString(),
        changedByName: h.changed_by_name,
        reason: h.reason,
      }));
  }

  /**
   * Opens pre-release for every trainee due. Idempotent, and safe with several API processes: a
   * transaction-scoped advisory lock lets one process do it while the others skip (returns null).
   */
  async openDuePreRelease(): Promise<string[] | null> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.trainees.tryLockPreRelease(m))) return null;
      return this.trainees.openDuePreRelease(this.clock.today(), PRE_RELEASE_DAYS, m);
    });
  }

  async myStatus(user: AuthUser, ctx: RequestContext): Promise<MyTraineeStatusDto> {
    const t = await this.ownRecord(user);
    await this.audit.record({ actor: user, action: 'trainee.read_self', subjectType: 'trainee', subjectId: t.id, result: 'success', ctx });
    const inside = t.state === 'admitted' || t.state === 'pre_release';
    // No organisation name: this feeds a screen the trainee shows others (the data download has it).
    return {
      fullName: t.fullName,
      state: t.state,
      stage: inside ? 'inside' : 'outside',
      expectedReleaseOn: t.expectedReleaseOn,
      releasedOn: t.releasedOn,
      daysToRelease: inside ? daysBetween(this.clock.today(), t.expectedReleaseOn) : null,
    };
  }

  /** The trainee record of a signed-in trainee. */
  async ownRecord(user: AuthUser): Promise<Trainee> {
    const t = await this.trainees.findByUser(user.id);
    if (!t) throw notFoundTrainee();
    return t;
  }

  /** The trainee as the caller may read it, or 404 (never 403: existence is itself sensitive). */
  async readable(user: AuthUser, id: string): Promise<{ row: TraineeRow; trainee: Trainee }> {
    await this.access.requireAccess(user, 'trainee.read', id);
    const row = await this.trainees.findRowInScope(id, this.scopeOf(user));
    const trainee = row ? await this.trainees.findById(id) : null;
    if (!row || !trainee) throw notFoundTrainee();
    return { row, trainee };
  }

  /** Only the organisation holding the trainee changes the record. */
  async writable(user: AuthUser, id: string): Promise<TraineeRow> {
    const { row } = await this.readable(user, id);
    if (!(await this.access.checkAccess(user, 'trainee.write', [id])).has(id)) {
      throw new DomainError(HttpStatus.FORBIDDEN, 'READ_ONLY');
    }
    return row;
  }

  private async holdsUnmask(user: AuthUser): Promise<boolean> {
    const account = await this.users.findAccount(user.id);
    return account?.permissions.includes('identity.unmask') ?? false;
  }

  private async mayReveal(user: AuthUser, row: TraineeRow): Promise<boolean> {
    if (row.read_only) return false;
    const account = await this.users.findAccount(user.id);
    return account?.permissions.includes('identity.unmask') ?? false;
  }

  /** Skills and industries are codes from the reference lists (what employers may read), never free text. */
  async assertVocabulary(dto: { skills?: { occupationCode: string }[]; preferredIndustries?: string[] }): Promise<void> {
    if (dto.skills) await this.reference.assertSkills(dto.skills);
    if (dto.preferredIndustries) await this.reference.assertIndustries(dto.preferredIndustries);
  }

  private async assertDivisions(home: string | undefined, preferred: string[] | undefined): Promise<void> {
    for (const code of [...(home ? [home] : []), ...(preferred ?? [])]) {
      if (!(await this.reference.divisionExists(code))) {
        throw badRequest('UNKNOWN_DIVISION', { code });
      }
    }
  }

  /**
   * For other modules (fairs): the trainees among `ids` that exist, with their name, state and
   * job-matching consent. No access check: the caller has checked its own permission on the ids.
   */
  async summaries(ids: string[], m?: EntityManager): Promise<TraineeSummary[]> {
    const rows = await this.trainees.summariesOf(ids, m);
    return rows.map((t) => ({ id: t.id, fullName: t.fullName, state: t.state, jobMatchingConsent: t.jobMatchingConsent }));
  }

  /**
   * For other modules (notices): the accounts of these trainees, for those who have one; with
   * `openFilesOnly`, only trainees whose file is not closed.
   */
  accountIds(ids: string[], m?: EntityManager, options: { openFilesOnly?: boolean } = {}): Promise<string[]> {
    return this.trainees.accountIdsOf(ids, options.openFilesOnly ?? false, m);
  }

  /**
   * For recommendations: the trainee's organisation, state, matching consent and account,
   * share-locked so neither changes until the caller's transaction ends; null when there is none.
   */
  async shareLockForRecommendation(id: string, m: EntityManager): Promise<TraineeForRecommendation | null> {
    const t = await this.trainees.shareLock(id, m);
    return t ? { organisationId: t.organisationId, state: t.state, jobMatchingConsent: t.jobMatchingConsent, userId: t.userId } : null;
  }

  // ---- for supervision (appended) ----

  /**
   * On an accepted station transfer, inside its transaction: the receiving station now holds the
   * person (the caller has locked the trainee and checked who held them). Reports count by holder.
   */
  async moveToOrganisation(m: EntityManager, id: string, organisationId: string): Promise<void> {
    await this.trainees.update(id, { organisationId }, m);
    await this.outcomes.refresh(m, [id]);
  }

  // ---- for activation (appended) ----

  /**
   * Release-day activation, inside its transaction: the trainee's new account becomes their sign-in
   * (the caller has locked the trainee and checked that they had none).
   */
  async linkAccount(id: string, userId: string, m: EntityManager): Promise<void> {
    await this.trainees.update(id, { userId }, m);
  }

  /** For the home's counts (appended): how many trainees the caller's caseload (GET /trainees) shows with these filters. */
  async countCaseload(user: AuthUser, filters: Pick<TraineeQueryDto, 'state' | 'releaseFrom' | 'releaseTo'>): Promise<number> {
    return (await this.trainees.search({ ...filters, page: 1, pageSize: 1 }, this.scopeOf(user), null)).total;
  }
}

export const duplicateTrainee = () => conflict('DUPLICATE_TRAINEE');

/** What recommending a trainee checks about them (see `shareLockForRecommendation`). */
export interface TraineeForRecommendation {
  organisationId: string;
  state: TraineeState;
  jobMatchingConsent: boolean;
  userId: string | null;
}

/** A trainee as another module may know them: no identity, no history, no organisation. */
export interface TraineeSummary {
  id: string;
  fullName: string;
  state: TraineeState;
  jobMatchingConsent: boolean;
}
