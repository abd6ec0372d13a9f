import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, notFound } from '../common/domain-error';
import { type Page, pageOf } from '../common/dto/page.dto';
import { OccupationQueryDto } from '../reference/dto/reference.dto';
import { ReferenceService } from '../reference/reference.service';
import type { CreateJobLimitDto, JobLimitDto, JobLimitQueryDto, TraineeJobLimitDto, UpdateJobLimitDto } from './dto/job-limit.dto';
import { toJobLimitDto } from './job-limit.mapper';
import type { JobLimitRule } from './job-limit-rule.entity';
import { type JobLimitValues, JobLimitsRepository } from './job-limits.repository';
import { type Eligibility, evaluate, mergeLimits, type OccupationLimits, prefixCovers } from './job-limits.rules';

const notFoundRule = () => notFound('JOB_LIMIT_RULE');

/**
 * Legal job limits after compulsory isolated rehabilitation: the admins' table of rules, and their
 * evaluation for a person and an occupation. Evaluation never leaves the server as a reason an
 * employer could read: matching uses `limitsForOccupation` / `eligibility` to leave people out.
 */
@Injectable()
export class JobLimitsService {
  constructor(
    private readonly rules: JobLimitsRepository,
    private readonly reference: ReferenceService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  /** The rules table for its keepers and readers, a page at a time (matching reads the rules below, not this). */
  async list(q: JobLimitQueryDto): Promise<Page<JobLimitDto>> {
    const [rows, total] = await this.rules.page(q.includeInactive === true, q.pageSize, (q.page - 1) * q.pageSize);
    const names = await this.prefixNames(rows.map((r) => r.occupationPrefix));
    return pageOf(
      rows.map((r) => toJobLimitDto(r, names.get(r.occupationPrefix) ?? r.occupationPrefix)),
      total,
      q,
    );
  }

  async create(admin: AuthUser, dto: CreateJobLimitDto, ctx: RequestContext): Promise<JobLimitDto> {
    const values = this.consistent({
      occupationPrefix: dto.occupationPrefix,
      kind: dto.kind,
      waitingYears: dto.waitingYears ?? null,
      duringSupervision: dto.duringSupervision ?? false,
      legalReference: dto.legalReference,
      summaryZh: dto.summaryZh,
      summaryEn: dto.summaryEn,
      active: true,
    });
    await this.assertPrefix(values.occupationPrefix);
    const id = await this.dataSource.transaction(async (m) => {
      const newId = await this.rules.insert(values, admin.id, m);
      await this.audit.record(
        { actor: admin, action: 'job_limit.create', subjectType: 'job_limit_rule', subjectId: newId, result: 'success', ctx },
        m,
      );
      return newId;
    });
    return this.get(id);
  }

  async update(admin: AuthUser, id: string, dto: UpdateJobLimitDto, ctx: RequestContext): Promise<JobLimitDto> {
    if (dto.occupationPrefix !== undefined) await this.assertPrefix(dto.occupationPrefix);
    await this.dataSource.transaction(async (m) => {
      const rule = await this.rules.findById(id, m, true);
      if (!rule) throw notFoundRule();
      const kind = dto.kind ?? rule.kind;
      // Changing the kind drops what the other kind had, unless the request says otherwise (then it is checked).
      const kindChanged = kind !== rule.kind;
      const values = this.consistent({
        occupationPrefix: dto.occupationPrefix ?? rule.occupationPrefix,
        kind,
        waitingYears: dto.waitingYears !== undefined ? dto.waitingYears : kindChanged ? null : rule.waitingYears,
        duringSupervision: dto.duringSupervision ?? (kindChanged && kind === 'barred' ? false : rule.duringSupervision),
        legalReference: dto.legalReference ?? rule.legalReference,
        summaryZh: dto.summaryZh ?? rule.summaryZh,
        summaryEn: dto.summaryEn ?? rule.summaryEn,
        active: dto.active ?? rule.active,
      });
      await this.rules.update(id, values, admin.id, m);
      await this.audit.record(
        {
          actor: admin,
          action: 'job_limit.update',
          subjectType: 'job_limit_rule',
          subjectId: id,
          result: 'success',
          ctx,
          detail: { fields: Object.keys(dto) },
        },
        m,
      );
    });
    return this.get(id);
  }

  /** DELETE deactivates: the rule stays for the record (and the audit log names it). */
  async deactivate(admin: AuthUser, id: string, ctx: RequestContext): Promise<JobLimitDto> {
    await this.dataSource.transaction(async (m) => {
      const rule = await this.rules.findById(id, m, true);
      if (!rule) throw notFoundRule();
      await this.rules.update(id, { ...rule, active: false }, admin.id, m);
      await this.audit.record(
        { actor: admin, action: 'job_limit.deactivate', subjectType: 'job_limit_rule', subjectId: id, result: 'success', ctx },
        m,
      );
    });
    return this.get(id);
  }

  /** Active rules whose prefix covers this occupation code. */
  async rulesFor(occupationCode: string, m?: EntityManager): Promise<JobLimitRule[]> {
    return this.rules.activeFor(occupationCode, m);
  }

  /**
   * The limits on an occupation merged over every active rule (the strictest wins), as plain values
   * for the matching SQL's parameters.
   */
  async limitsForOccupation(occupationCode: string, m?: EntityManager): Promise<OccupationLimits> {
    return mergeLimits(await this.rules.activeFor(occupationCode, m));
  }

  /**
   * Per trainee, whether they may take `occupationCode` on `onDate` (ISO date). No access check: the
   * caller has checked its own permission on the ids. Unknown ids are left out of the map.
   */
  async eligibility(
    manager: EntityManager | undefined,
    traineeIds: string[],
    occupationCode: string,
    onDate: string,
  ): Promise<Map<string, Eligibility>> {
    const [rules, people] = await Promise.all([
      this.rules.activeFor(occupationCode, manager),
      this.rules.releaseFacts(traineeIds, manager),
    ]);
    return new Map(people.map((p) => [p.id, evaluate(rules, p, onDate)]));
  }

  /**
   * Every active rule that still limits one person, as the matching SQL takes it: the occupation
   * prefix and the first day the person may take such work (null: not foreseeable — barred for good,
   * or until a supervision whose end is not known). No access check: the caller checked its own.
   */
  async personLimits(traineeId: string, today: string, m?: EntityManager): Promise<{ prefix: string; until: string | null }[]> {
    const [person] = await this.rules.releaseFacts([traineeId], m);
    if (!person) return [];
    return (await this.rules.allActive(m))
      .map((rule) => ({ rule, e: evaluate([rule], person, today) }))
      .filter(({ e }) => !e.eligible)
      .map(({ rule, e }) => ({ prefix: rule.occupationPrefix, until: rule.kind === 'barred' || e.whileSupervised ? null : e.from }));
  }

  /**
   * The rules that limit this person today, for their counsellor: the organisation holding them
   * (else 404). An audited read: the answer says the person was in compulsory rehabilitation.
   */
  async forTrainee(user: AuthUser, traineeId: string, ctx: RequestContext): Promise<TraineeJobLimitDto[]> {
    await this.access.requireAccess(user, 'trainee.jobLimits', traineeId);
    const [person] = await this.rules.releaseFacts([traineeId]);
    if (!person) throw notFound('TRAINEE_RECORD');
    const today = this.clock.today();
    const limiting = (await this.rules.allActive())
      .map((rule) => ({ rule, e: evaluate([rule], person, today) }))
      .filter(({ e }) => !e.eligible);
    const names = await this.prefixNames(limiting.map(({ rule }) => rule.occupationPrefix));
    await this.audit.record({
      actor: user,
      action: 'trainee.job_limits.read',
      subjectType: 'trainee',
      subjectId: traineeId,
      result: 'success',
      ctx,
    });
    return limiting.map(({ rule, e }) => ({
      ruleId: rule.id,
      occupationPrefix: rule.occupationPrefix,
      occupationName: names.get(rule.occupationPrefix) ?? rule.occupationPrefix,
      kind: rule.kind,
      from: rule.kind === 'barred' ? null : e.from,
      whileSupervised: e.whileSupervised,
      legalReference: rule.legalReference,
      summaryZh: rule.summaryZh,
      summaryEn: rule.summaryEn,
    }));
  }

  private async get(id: string): Promise<JobLimitDto> {
    const rule = await this.rules.findById(id);
    if (!rule) throw notFoundRule();
    const names = await this.prefixNames([rule.occupationPrefix]);
    return toJobLimitDto(rule, names.get(rule.occupationPrefix) ?? rule.occupationPrefix);
  }

  /** The kind and its years agree (the table's CHECK says the same; this says it in words). */
  private consistent(v: JobLimitValues): JobLimitValues {
    if (v.kind === 'waiting_period' && v.waitingYears === null) throw badRequest('JOB_LIMIT_YEARS_REQUIRED');
    if (v.kind === 'barred' && v.waitingYears !== null) throw badRequest('JOB_LIMIT_YEARS_NOT_ALLOWED');
    if (v.kind === 'barred' && v.duringSupervision) throw badRequest('JOB_LIMIT_SUPERVISION_NOT_ALLOWED');
    return v;
  }

  /** A prefix must name at least one occupation of the classification. */
  private async assertPrefix(prefix: string): Promise<void> {
    if (!(await this.prefixNames([prefix])).has(prefix)) throw badRequest('JOB_LIMIT_UNKNOWN_PREFIX', { prefix });
  }

  /**
   * The name of what each prefix names: the occupation, its minor or middle category, or (a major
   * category, whose name the reference service does not give) the code. Absent when no occupation
   * of the classification starts with the prefix.
   */
  private async prefixNames(prefixes: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const prefix of new Set(prefixes)) {
      const page = await this.reference.occupations(Object.assign(new OccupationQueryDto(), { q: prefix, page: 1, pageSize: 100 }));
      const o = page.items.find((x) => prefixCovers(prefix, x.code));
      if (!o) continue;
      const segments = prefix.split('-').length;
      out.set(prefix, segments === 4 ? o.name : segments === 3 ? o.minorName : segments === 2 ? o.middleName : prefix);
    }
    return out;
  }
}
