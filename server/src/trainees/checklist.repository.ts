import { SHORT_LIST_CAP } from '../common/dto/page.dto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { ChecklistItem, type ChecklistItemKey } from './checklist-item.entity';

export interface ChecklistItemRow {
  item_key: ChecklistItemKey;
  done_on: string | null;
  note: string | null;
  done_by_name: string | null;
}

/** A pre-release trainee with open checklist items. */
export interface ChecklistBehindRow {
  id: string;
  full_name: string;
  expected_release_on: string;
  done: number;
  total: number;
  missing: ChecklistItemKey[];
}

/** What was done on one item (null `doneOn`: not done). */
export type ChecklistTick = Pick<ChecklistItem, 'doneOn' | 'note' | 'doneBy'>;

@Injectable()
export class ChecklistRepository {
  constructor(@InjectRepository(ChecklistItem) private readonly items: Repository<ChecklistItem>) {}

  /** A trainee's checklist items, with who ticked each. */
  itemsOf(traineeId: string): Promise<ChecklistItemRow[]> {
    return this.items.query(
      `SELECT ci.item_key, ci.done_on::text, ci.note, u.display_name AS done_by_name
         FROM checklist_item ci LEFT JOIN app_user u ON u.id = ci.done_by WHERE ci.trainee_id = $1`,
      [traineeId],
    );
  }

  /** Records one item; false when the trainee has no such item (no checklist yet). */
  async tick(traineeId: string, key: ChecklistItemKey, tick: ChecklistTick, m: EntityManager): Promise<boolean> {
    const res = await m.getRepository(ChecklistItem).update({ traineeId, itemKey: key }, tick);
    return !!res.affected;
  }

  /**
   * Pre-release trainees with open items, soonest release first (at most `SHORT_LIST_CAP`): the
   * organisation's, or everyone's when `organisationId` is null.
   */
  behind(organisationId: string | null): Promise<ChecklistBehindRow[]> {
    return this.items.query(
      `SELECT t.id, t.full_name, t.expected_release_on::text,
              count(*) FILTER (WHERE ci.done_on IS NOT NULL)::int AS done, count(*)::int AS total,
              array_agg(ci.item_key ORDER BY ci.item_key) FILTER (WHERE ci.done_on IS NULL) AS missing
         FROM trainee t JOIN checklist_item ci ON ci.trainee_id = t.id
        WHERE t.state = 'pre_release' AND ($1::uuid IS NULL OR t.organisation_id = $1::uuid)
        GROUP BY t.id HAVING count(*) FILTER (WHERE ci.done_on IS NULL) > 0
        ORDER BY t.expected_release_on, t.id LIMIT ${SHORT_LIST_CAP}`,
      [organisationId],
    );
  }
}
