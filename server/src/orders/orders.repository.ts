import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrderListFilter } from '../access/policies/orders.policy';
import type { OrderQueryDto } from './dto/order.dto';
import { type BoardAndLodging, JobOrder, type OrderState } from './order.entity';
import { pageRows, pageWithTotalSql } from '../common/page-sql';

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

const SELECT_COLUMNS = `o.*, o.start_date::text AS start_date, o.deadline::text AS deadline, e.name AS employer_name, oc.name AS occupation_name, d.name AS division_name`;
const FROM = `FROM job_order o JOIN organisation e ON e.id = o.employer_id JOIN occupation oc ON oc.code = o.occupation_code JOIN division d ON d.code = o.division_code`;
const SELECT = `SELECT ${SELECT_COLUMNS}
  ${FROM}`;

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
    // One statement for the page and its exact total (issue 17); the count needs none of the joins.
    const rows = await this.dataSource.query<(OrderRow & { page_total: number })[]>(
      pageWithTotalSql({
        // o.* and the text deadline both answer to `deadline`: the outer order needs a name of its own.
        select: `${SELECT_COLUMNS}, o.deadline AS page_deadline`,
        from: FROM,
        countFrom: 'FROM job_order o',
        where,
        order: 'o.deadline, o.id',
        outerOrder: 'page.page_deadline, page.id',
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      }),
      params,
    );
    return pageRows(rows, 'id');
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
  shareLock(id: string, m: EntityManager): Promise<Pick<JobOrder, 'state' | 'title' | 'occupationCode' | 'startDate'> | null> {
    return m.getRepository(JobOrder).findOne({
      select: { id: true, state: true, title: true, occupationCode: true, startDate: true },
      where: { id },
      lock: { mode: 'pessimistic_read' },
    });
  }
}
