import { daysFrom, type Db, insertRow, uniqueCode } from './db';

export interface OrderOverrides {
  employerId: string;
  title?: string;
  occupationCode?: string;
  headcount?: number;
  divisionCode?: string;
  /** Default: in 60 days. */
  startDate?: string;
  /** Default: in 30 days. */
  deadline?: string;
  state?: 'draft' | 'open' | 'filled' | 'closed';
  /** A timestamp; default: now when open (null: never opened). */
  openedAt?: string | null;
  hiredCount?: number;
}

/** An employer's job order (open, 5 cooks in 海口 unless told); returns its id. */
export async function newOrder(db: Db, o: OrderOverrides): Promise<string> {
  const state = o.state ?? 'open';
  return (
    await insertRow(db, 'job_order', {
      employerId: o.employerId,
      title: o.title ?? '测试订单',
      occupationCode: o.occupationCode ?? '4-03-02-01',
      headcount: o.headcount ?? 5,
      divisionCode: o.divisionCode ?? '460100',
      startDate: o.startDate ?? daysFrom(60),
      deadline: o.deadline ?? daysFrom(30),
      state,
      openedAt: o.openedAt !== undefined ? o.openedAt : state === 'open' ? new Date().toISOString() : undefined,
      hiredCount: o.hiredCount,
    })
  ).id;
}

export interface PlacementOverrides {
  orderId: string;
  traineeId: string;
  state?: string;
  candidateCode?: string;
  recommendedBy?: string | null;
  hiredOn?: string | null;
  endedOn?: string | null;
}

/** A candidate on an order (recommended unless told; `hiredOn` goes with `hired`); returns its id. */
export async function newPlacement(db: Db, p: PlacementOverrides): Promise<string> {
  return (
    await insertRow(db, 'placement', {
      ...p,
      state: p.state ?? 'recommended',
      candidateCode: p.candidateCode ?? uniqueCode('C', 10),
    })
  ).id;
}
