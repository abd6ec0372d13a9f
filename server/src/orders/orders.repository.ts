import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrderListFilter } from '../access/policies/orders.policy';
import type { OrderQueryDto } from './dto/order.dto';
import { type BoardAndLodging, JobOrder, type OrderState } from './order.entity';

/** An order with its employer's, occupation's and division's names, as the lists and detail read it. */
export interface OrderRow {
  id: string;
  employer_id: string;
  employer_name: string;
  title: string;
  occupation_code: string;
  occupation_name: string;
  headcount: number;
  required_level: number | null;
  diploma_wanted: boolean;
  division_code: string;
  division_name: string;
  workplace_address: string | null;
  wage_min: number | null;
  wage_max: number | null;
  board_and_lodging: BoardAndLodging;
  start_date: string;
  deadline: string;
  description: string | null;
  state: OrderState;
  created_at: Date;
}

const SELECT = `SELECT o.*, o.start_date::text AS start_date, o.deadline::text AS deadline, e.name AS employer_name, oc.name AS occupation_name, d.name AS division_name
  FROM job_order o JOIN organisation e ON e.id = o.employer_id JOIN occupation oc ON oc.code = o.occupation_code JOIN division d ON d.code = o.division_code`;

@Injectable()
export class OrdersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private of(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(JobOrder);
  }

  /** One page of the orders the caller's list shows, by deadline. */
  async search(visible: OrderListFilter, q: OrderQueryDto): Promise<[OrderRow[], number]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (visible.employerId) where.push(`o.employer_id = $${params.push(visible.employerId)}`);
    if (visible.openOnly) where.push(`o.state = 'open'`);
    if (q.state) where.push(`o.state = $${params.push(q.state)}`);
    if (q.occupationCode) where.push(`o.occupation_code = $${params.push(q.occupationCode)}`);
    if (q.divisionCode) where.push(`o.division_code = $${params.push(q.divisionCode)}`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM job_order o ${whereSql}`, params);
    const rows = await this.dataSource.query<OrderRow[]>(
      `${SELECT} ${whereSql} ORDER BY o.deadline, o.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return [rows, n];
  }

  async findRow(id: string): Promise<OrderRow | null> {
    const [r] = await this.dataSource.query<OrderRow[]>(`${SELECT} WHERE o.id = $1`, [id]);
    return r ?? null;
  }

  findById(id: string, m?: EntityManager): Promise<JobOrder | null> {
    return this.of(m).findOneBy({ id });
  }

  async create(data: Partial<JobOrder>, m: EntityManager): Promise<JobOrder> {
    const repo = this.of(m);
    return repo.save(repo.create(data));
  }

  async update(id: string, patch: Partial<JobOrder>, m: EntityManager): Promise<void> {
    await this.of(m).update({ id }, patch);
  }

  /**
   * Moves the order to `to` if it is in one of `from`, stamping `openedAt` (opening) or `closedAt`
   * (anything else) with `at`. False when its state did not allow it.
   */
  async transition(id: string, from: OrderState[], to: OrderState, at: Date, m: EntityManager): Promise<boolean> {
    const res = await m
      .createQueryBuilder()
      .update(JobOrder)
      .set({ state: to, ...(to === 'open' ? { openedAt: at } : { closedAt: at }) })
      .where('id = :id AND state IN (:...from)', { id, from })
      .execute();
    return !!res.affected;
  }

  /** An order's state and title, share-locked (`FOR SHARE`) until the caller's transaction ends. */
  shareLock(id: string, m: EntityManager): Promise<Pick<JobOrder, 'state' | 'title'> | null> {
    return m
      .getRepository(JobOrder)
      .findOne({ select: { id: true, state: true, title: true }, where: { id }, lock: { mode: 'pessimistic_read' } });
  }
}
