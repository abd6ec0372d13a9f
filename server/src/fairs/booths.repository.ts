import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FairBooth, FairBoothOrder, type BoothState } from './fair.entities';

export interface BoothRow {
  id: string;
  fair_id: string;
  employer_id: string;
  employer_name: string;
  state: BoothState;
  note: string | null;
  decline_reason: string | null;
  /** occupationCode and startDate are for the legal job limits; the mapper never sends them out. */
  orders: { orderId: string; title: string; occupationName: string; occupationCode: string; startDate: string; headcount: number }[];
  slots_total: number;
  slots_free: number;
}

/** A booth as it is decided: the columns the decision reads, read under a row lock. */
export interface LockedBooth {
  id: string;
  fairId: string;
  employerId: string;
  state: BoothState;
}

/** The outcome of an admin's decision on a booth application. */
export interface BoothDecision {
  state: 'approved' | 'declined';
  decidedBy: string;
  decidedAt: Date;
  declineReason: string | null;
}

const BOOTH_SELECT = `SELECT b.id, b.fair_id, b.employer_id, e.name AS employer_name, b.state, b.note, b.decline_reason,
    COALESCE((SELECT json_agg(json_build_object('orderId', o.id, 'title', o.title, 'occupationName', oc.name,
        'occupationCode', o.occupation_code, 'startDate', o.start_date, 'headcount', o.headcount) ORDER BY o.title)
      FROM fair_booth_order bo JOIN job_order o ON o.id = bo.order_id JOIN occupation oc ON oc.code = o.occupation_code WHERE bo.booth_id = b.id), '[]') AS orders,
    (SELECT count(*)::int FROM fair_slot s WHERE s.booth_id = b.id AND s.state <> 'cancelled') AS slots_total,
    (SELECT count(*)::int FROM fair_slot s WHERE s.booth_id = b.id AND s.state = 'open') AS slots_free
  FROM fair_booth b JOIN organisation e ON e.id = b.employer_id`;

/** Employers' booths at fairs, and the orders each brings. */
@Injectable()
export class BoothsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every booth of a fair, whatever its state; who sees which is the access policy's to say. */
  booths(fairId: string): Promise<BoothRow[]> {
    return this.dataSource.query<BoothRow[]>(`${BOOTH_SELECT} WHERE b.fair_id = $1 ORDER BY e.name, b.id`, [fairId]);
  }

  /** The fair's programme: its approved booths. */
  programme(fairId: string): Promise<BoothRow[]> {
    return this.dataSource.query<BoothRow[]>(`${BOOTH_SELECT} WHERE b.fair_id = $1 AND b.state = 'approved' ORDER BY e.name, b.id`, [
      fairId,
    ]);
  }

  async booth(id: string, m?: EntityManager): Promise<BoothRow | null> {
    return (await (m ?? this.dataSource.manager).query<BoothRow[]>(`${BOOTH_SELECT} WHERE b.id = $1`, [id]))[0] ?? null;
  }

  /**
   * An employer's application, with the orders it brings; returns the booth's id. A second live
   * application of the same employer at the same fair fails on `uq_fair_booth_live`.
   */
  async insertApplication(
    a: { fairId: string; employerId: string; note: string | null; orderIds: string[] },
    m: EntityManager,
  ): Promise<string> {
    const repo = m.getRepository(FairBooth);
    const booth = await repo.save(repo.create({ fairId: a.fairId, employerId: a.employerId, state: 'applied', note: a.note }));
    await m.getRepository(FairBoothOrder).insert(a.orderIds.map((orderId) => ({ boothId: booth.id, orderId })));
    return booth.id;
  }

  async lockBooth(id: string, m: EntityManager): Promise<LockedBooth | null> {
    const b = await m.getRepository(FairBooth).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    return b && { id: b.id, fairId: b.fairId, employerId: b.employerId, state: b.state };
  }

  async decide(id: string, d: BoothDecision, m: EntityManager): Promise<void> {
    await m.getRepository(FairBooth).update({ id }, d);
  }
}
