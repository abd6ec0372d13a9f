import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { FieldCipher } from '../common/crypto/field-cipher';
import { conflict, DomainError } from '../common/domain-error';
import { type Page, pageOf } from '../common/dto/page.dto';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { assertIdentityNumber } from '../trainees/identity-number';
import { UsersService } from '../users/users.service';
import type { RequestUnsealDto, SealingRunDto, SealingSummaryDto, UnsealRequestDto, UnsealRequestQueryDto } from './dto/sealing.dto';
import { ACTIVATION_CODE_KEEP_DAYS, type RetentionRule, retentionSchedule, SMS_DELIVERY_KEEP_DAYS } from './retention-schedule';
import { SealingRepository, type UnsealRequestRow } from './sealing.repository';

/** Records sealed or erased per transaction: a first run over years of closed files is spread over batches. */
const BATCH = 500;

const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * 封存 and the retention schedule. The sealing itself is the database's (row-level security on
 * `trainee`, the RecordSealing migration): this service decides when — closed files after
 * SEAL_AFTER_YEARS, by the daily job — and runs the one way back: a bureau administrator asks, with a
 * legal basis, a second one approves, and the record is readable for a number of days, then sealed again.
 */
@Injectable()
export class SealingService {
  constructor(
    private readonly sealing: SealingRepository,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The daily job: seal what is due, then apply the retention schedule; every step audited with its counts. */
  async run(): Promise<SealingRunDto> {
    const today = this.clock.today();
    let sealed = 0;
    for (;;) {
      const n = await this.sealing.transaction(async (m) => {
        const due = (await this.sealing.dueForSealing(m, today, this.config.sealAfterYears)).slice(0, BATCH);
        if (!due.length) return 0;
        await this.sealing.seal(
          m,
          due.map((d) => d.id),
        );
        // A sealed person's own account goes with the record (the portal would show the record).
        await this.users.disableAccounts(
          due.flatMap((d) => (d.user_id ? [d.user_id] : [])),
          m,
        );
        await this.audit.record({ actor: null, action: 'record.seal', result: 'success', detail: { count: due.length } }, m);
        return due.length;
      });
      sealed += n;
      if (n < BATCH) break;
    }
    const retention: Record<string, number> = {};
    for (const rule of ['activation_codes', 'sms_deliveries', 'sealed_personal_data'] as RetentionRule[]) {
      retention[rule] = await this.sealing.transaction(async (m) => {
        const rows = await this.applyRule(rule, m);
        await this.audit.record({ actor: null, action: 'retention.apply', result: 'success', detail: { rule, rows } }, m);
        return rows;
      });
    }
    return { sealed, retention };
  }

  private async applyRule(rule: RetentionRule, m: EntityManager): Promise<number> {
    switch (rule) {
      case 'activation_codes':
        return this.sealing.deleteSpentActivationCodes(m, ACTIVATION_CODE_KEEP_DAYS);
      case 'sms_deliveries':
        return this.sealing.deleteOldSmsDeliveries(m, SMS_DELIVERY_KEEP_DAYS);
      case 'sealed_personal_data': {
        const ids = await this.sealing.dueForErasure(m, this.config.retentionSealedYears, BATCH);
        await this.sealing.erase(m, ids);
        return ids.length;
      }
    }
  }

  /** A bureau administrator asks to unseal one record, found by its identity number, with a legal basis. */
  async requestUnseal(user: AuthUser, dto: RequestUnsealDto, ctx: RequestContext): Promise<UnsealRequestDto> {
    assertIdentityNumber(dto.identityNumber, this.clock.now());
    const id = await this.sealing.transaction(async (m) => {
      const record = await this.sealing.findSealedByHash(m, this.cipher.lookupHash(dto.identityNumber));
      if (!record) throw new DomainError(HttpStatus.NOT_FOUND, 'SEALED_RECORD_NOT_FOUND');
      let requestId: string;
      try {
        requestId = await this.sealing.insertRequest(m, {
          traineeId: record.id,
          basis: dto.basis,
          note: dto.note,
          requestedBy: user.id,
          exemptUntil: plusDays(this.clock.today(), dto.days),
        });
      } catch (e) {
        if ((e as { constraint?: string }).constraint === 'uq_record_seal_open_request') throw conflict('UNSEAL_REQUEST_OPEN');
        throw e;
      }
      await this.audit.record(
        {
          actor: user,
          action: 'record.unseal_request',
          subjectType: 'trainee',
          subjectId: record.id,
          result: 'success',
          ctx,
          detail: { basis: dto.basis, days: dto.days },
        },
        m,
      );
      return requestId;
    });
    return this.requestDto(user, id);
  }

  /** Requests to unseal, a page at a time: open ones first, then the newest. */
  async requests(user: AuthUser, q: UnsealRequestQueryDto): Promise<Page<UnsealRequestDto>> {
    const [rows, total] = await this.sealing.transaction((m) => this.sealing.requests(m, q.pageSize, (q.page - 1) * q.pageSize));
    const decidable = await this.access.checkAccess(
      user,
      'unseal.decide',
      rows.filter((r) => r.state === 'requested').map((r) => r.id),
    );
    return pageOf(
      rows.map((r) => toRequestDto(r, decidable.has(r.id))),
      total,
      q,
    );
  }

  /** A second administrator decides; the one who asked never may (the table refuses it too). */
  async decide(user: AuthUser, id: string, decision: 'approved' | 'rejected', ctx: RequestContext): Promise<UnsealRequestDto> {
    await this.sealing.transaction(async (m) => {
      const r = await this.sealing.lockOpenRequest(m, id);
      if (!r) {
        if (await this.sealing.request(m, id)) throw conflict('UNSEAL_REQUEST_DECIDED');
        throw new DomainError(HttpStatus.NOT_FOUND, 'NOT_FOUND', { thing: 'UNSEAL_REQUEST' });
      }
      if (!(await this.access.checkAccess(user, 'unseal.decide', [id], m)).has(id)) {
        throw new DomainError(HttpStatus.FORBIDDEN, 'UNSEAL_SAME_APPROVER');
      }
      await this.sealing.decide(m, id, decision, user.id);
      if (decision === 'approved') await this.sealing.unseal(m, r.trainee_id, r.exempt_until);
      await this.audit.record(
        {
          actor: user,
          action: decision === 'approved' ? 'record.unseal' : 'record.unseal_reject',
          subjectType: 'trainee',
          subjectId: r.trainee_id,
          result: 'success',
          ctx,
          detail: { requestId: id },
        },
        m,
      );
    });
    return this.requestDto(user, id);
  }

  async summary(): Promise<SealingSummaryDto> {
    const c = await this.sealing.transaction((m) => this.sealing.counts(m));
    return {
      sealed: c.sealed,
      pendingRequests: c.pending,
      erased: c.erased,
      sealAfterYears: this.config.sealAfterYears,
      retention: retentionSchedule(this.config),
    };
  }

  private async requestDto(user: AuthUser, id: string): Promise<UnsealRequestDto> {
    const row = (await this.sealing.transaction((m) => this.sealing.request(m, id)))!;
    const decidable = row.state === 'requested' && (await this.access.checkAccess(user, 'unseal.decide', [id])).has(id);
    return toRequestDto(row, decidable);
  }
}

function toRequestDto(r: UnsealRequestRow, mayDecide: boolean): UnsealRequestDto {
  return {
    id: r.id,
    basis: r.basis,
    note: r.note,
    state: r.state,
    identityTail: r.identity_tail,
    requestedByName: r.requested_by_name,
    decidedByName: r.decided_by_name,
    requestedAt: new Date(r.created_at).toISOString(),
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    exemptUntil: r.exempt_until,
    mayDecide,
  };
}
