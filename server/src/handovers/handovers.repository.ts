import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { HandoverQueryDto } from './dto/handover.dto';
import { Handover } from './handover.entity';
import { pageRows, pageWithTotalSql } from '../common/page-sql';

export interface HandoverRow extends Handover {
  trainee_name: string;
  from_name: string;
  to_name: string;
  overdue: boolean;
}

/** A handover not accepted 48 hours after the release date is overdue (release dates are China time). */
const OVERDUE = `(h.state IN ('prepared','sent') AND now() > (h.release_date::timestamp AT TIME ZONE 'Asia/Shanghai') + interval '48 hours')`;

const COLUMNS = `h.*, h.release_date::text AS release_date, h.handed_over_on::text AS handed_over_on, t.full_name AS trainee_name, f.name AS from_name, o.name AS to_name, ${OVERDUE} AS overdue`;
const FROM = `FROM handover h JOIN trainee t ON t.id = h.trainee_id JOIN organisation f ON f.id = h.from_organisation_id JOIN organisation o ON o.id = h.to_organisation_id`;
const SELECT = `SELECT ${COLUMNS}
  ${FROM}`;

@Injectable()
export class HandoversRepository {
  constructor(@InjectRepository(Handover) private readonly repo: Repository<Handover>) {}

  /** Handovers the organisation sends or receives (`null`: all, for admins). */
  async search(q: HandoverQueryDto, organisationId: string | null): Promise<[HandoverRow[], number]> {
    const params: unknown[] = [organisationId];
    const where: string[] = [];
    if (q.direction === 'outgoing') where.push('h.from_organisation_id = $1');
    else if (q.direction === 'incoming') where.push('h.to_organisation_id = $1');
    else where.push('($1::uuid IS NULL OR h.from_organisation_id = $1 OR h.to_organisation_id = $1)');
    if (q.direction && organisationId === null) where[0] = 'TRUE';
    if (q.state) {
      params.push(q.state);
      where.push(`h.state = $${params.length}`);
    }
    if (q.overdue) where.push(OVERDUE);
    // One statement for the page and its exact total (issue 17). h.* and the text release date both
    // answer to `release_date`: the outer order reads the date under a name of its own.
    const rows = await this.repo.query<(Record<string, unknown> & { page_total: number })[]>(
      pageWithTotalSql({
        select: `${COLUMNS}, h.release_date AS page_release_date`,
        from: FROM,
        where,
        order: `${OVERDUE} DESC, h.release_date, h.id`,
        outerOrder: 'page.overdue DESC, page.page_release_date, page.id',
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      }),
      params,
    );
    const [items, total] = pageRows(rows, 'id');
    return [items.map(camel), total];
  }

  async findRow(id: string, m?: EntityManager): Promise<HandoverRow | null> {
    const rows = await (m ?? this.repo.manager).query<Record<string, unknown>[]>(`${SELECT} WHERE h.id = $1`, [id]);
    return rows[0] ? camel(rows[0]) : null;
  }

  findForUpdate(id: string, m: EntityManager): Promise<Handover | null> {
    return m.getRepository(Handover).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async create(data: Partial<Handover>, m: EntityManager): Promise<Handover> {
    const repo = m.getRepository(Handover);
    return repo.save(repo.create(data));
  }

  async update(id: string, patch: Partial<Handover>, m: EntityManager): Promise<void> {
    await m.getRepository(Handover).update({ id }, patch);
  }

  /** The active counsellors of an organisation (who are told of its handovers). */
  async counsellorsOf(organisationId: string, m: EntityManager): Promise<string[]> {
    const rows = await m.query<{ id: string }[]>(
      `SELECT id FROM app_user WHERE organisation_id = $1 AND role = 'counsellor' AND disabled_at IS NULL ORDER BY id`,
      [organisationId],
    );
    return rows.map((r) => r.id);
  }

  /** The community station of a division (the one suggested as receiver). */
  async stationOf(divisionCode: string): Promise<{ id: string; name: string } | null> {
    const rows = await this.repo.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM organisation WHERE type = 'community_station' AND status = 'active' AND division_code = $1 ORDER BY created_at LIMIT 1`,
      [divisionCode],
    );
    return rows[0] ?? null;
  }
}

/** Raw rows come back snake_case; give the entity fields their names. */
function camel(r: Record<string, unknown>): HandoverRow {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r))
    out[
      k.includes('_') && !['trainee_name', 'from_name', 'to_name'].includes(k) ? k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()) : k
    ] = v;
  return out as unknown as HandoverRow;
}
