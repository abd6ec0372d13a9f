import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest } from '../common/domain-error';
import { CHECKLIST_ITEMS, type ChecklistItemKey } from './checklist-item.entity';
import { ChecklistRepository } from './checklist.repository';
import type { ChecklistBehindDto, ChecklistItemDto, UpdateChecklistItemDto } from './dto/checklist.dto';
import { daysBetween } from './trainee.mapper';
import { TraineesService } from './trainees.service';

export const CHECKLIST_LABELS: Record<ChecklistItemKey, [string, string]> = {
  situation_policy: ['形势政策教育', 'Current affairs and policy'],
  anti_drug: ['拒毒教育', 'Drug refusal education'],
  mental_health: ['心理健康教育', 'Mental health education'],
  employment_guidance: ['就业指导', 'Employment guidance'],
  handover_documents: ['交接材料准备', 'Handover documents ready'],
};

/** The pre-release checklist: opened with pre-release, ticked by the facility's counsellors. */
@Injectable()
export class ChecklistService {
  constructor(
    private readonly items: ChecklistRepository,
    private readonly trainees: TraineesService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async forTrainee(user: AuthUser, traineeId: string): Promise<ChecklistItemDto[]> {
    await this.trainees.readable(user, traineeId);
    return this.load(traineeId);
  }

  async forSelf(user: AuthUser): Promise<ChecklistItemDto[]> {
    const t = await this.trainees.ownRecord(user);
    return this.load(t.id);
  }

  private async load(traineeId: string): Promise<ChecklistItemDto[]> {
    const rows = await this.items.itemsOf(traineeId);
    const byKey = new Map(rows.map((r) => [r.item_key, r]));
    return CHECKLIST_ITEMS.filter((k) => byKey.has(k)).map((k) => {
      const r = byKey.get(k)!;
      return {
        itemKey: k,
        label: CHECKLIST_LABELS[k][0],
        labelEn: CHECKLIST_LABELS[k][1],
        doneOn: r.done_on,
        note: r.note,
        doneByName: r.done_by_name,
      };
    });
  }

  async update(
    user: AuthUser,
    traineeId: string,
    key: ChecklistItemKey,
    dto: UpdateChecklistItemDto,
    ctx: RequestContext,
  ): Promise<ChecklistItemDto[]> {
    await this.trainees.writable(user, traineeId);
    if (dto.doneOn && dto.doneOn > this.clock.today()) {
      throw badRequest('DONE_DATE_IN_FUTURE');
    }
    await this.dataSource.transaction(async (m) => {
      const ticked = await this.items.tick(
        traineeId,
        key,
        { doneOn: dto.doneOn, note: dto.note ?? null, doneBy: dto.doneOn ? user.id : null },
        m,
      );
      if (!ticked) {
        throw badRequest('NO_CHECKLIST');
      }
      await this.audit.record(
        {
          actor: user,
          action: 'checklist.update',
          subjectType: 'trainee',
          subjectId: traineeId,
          result: 'success',
          ctx,
          detail: { item: key, done: dto.doneOn !== null },
        },
        m,
      );
    });
    return this.load(traineeId);
  }

  /** Who is behind: the organisation's pre-release trainees with open items, soonest release first. */
  async behind(user: AuthUser): Promise<ChecklistBehindDto[]> {
    const rows = await this.items.behind(this.access.organisationOf(user));
    const today = this.clock.today();
    return rows.map((r) => ({
      traineeId: r.id,
      fullName: r.full_name,
      expectedReleaseOn: r.expected_release_on,
      daysToRelease: daysBetween(today, r.expected_release_on),
      done: r.done,
      total: r.total,
      missing: r.missing,
    }));
  }

  // ---- the home's "today" counts (appended) ----

  /** How many rows the caller's "who is behind" list (GET /trainees/checklists/behind) shows: the list's own query. */
  async countBehind(user: AuthUser): Promise<number> {
    return (await this.items.behind(this.access.organisationOf(user))).length;
  }
}
