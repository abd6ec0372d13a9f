import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, DomainError, notFound } from '../common/domain-error';
import { type Page, pageOf } from '../common/dto/page.dto';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { SKILL_LEVELS } from '../reference/data/divisions';
import { ReferenceService } from '../reference/reference.service';
import type { CreateOrderDto, OrderDto, OrderQueryDto, UpdateOrderDto } from './dto/order.dto';
import { JobOrder, type OrderState } from './order.entity';

const notFoundOrder = () => notFound('订单', 'Order');
export const levelLabel = (level: number | null) => {
  const l = SKILL_LEVELS.find((s) => s.level === level);
  return l ? `${l.name}/${l.title}` : null;
};

/**
 * Orders: employers manage their own (`draft → open → filled | closed`); admins see all; counsellors
 * see open orders. Only a verified employer may open an order.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async list(user: AuthUser, q: OrderQueryDto): Promise<Page<OrderDto>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const visible = this.access.orderFilter(user);
    if (visible.employerId) where.push(`o.employer_id = $${params.push(visible.employerId)}`);
    if (visible.openOnly) where.push(`o.state = 'open'`);
    if (q.state) where.push(`o.state = $${params.push(q.state)}`);
    if (q.occupationCode) where.push(`o.occupation_code = $${params.push(q.occupationCode)}`);
    if (q.divisionCode) where.push(`o.division_code = $${params.push(q.divisionCode)}`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM job_order o ${whereSql}`, params);
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `${SELECT} ${whereSql} ORDER BY o.deadline, o.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return pageOf(rows.map(toOrderDto), n, q);
  }

  async get(user: AuthUser, id: string): Promise<OrderDto> {
    await this.access.requireAccess(user, 'order.read', id);
    const [r] = await this.dataSource.query<Record<string, unknown>[]>(`${SELECT} WHERE o.id = $1`, [id]);
    if (!r) throw notFoundOrder();
    return toOrderDto(r);
  }

  async create(user: AuthUser, dto: CreateOrderDto, ctx: RequestContext): Promise<OrderDto> {
    await this.validate(dto);
    const id = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(JobOrder);
      const o = await repo.save(
        repo.create({ ...dto, employerId: user.organisationId, state: 'draft', requiredLevel: dto.requiredLevel ?? null }),
      );
      await this.audit.record({ actor: user, action: 'order.create', subjectType: 'order', subjectId: o.id, result: 'success', ctx }, m);
      return o.id;
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateOrderDto, ctx: RequestContext): Promise<OrderDto> {
    const current = await this.own(user, id);
    if (current.state !== 'draft' && current.state !== 'open') {
      throw badRequest('ORDER_FINISHED', '订单已结束，不能修改。', 'This order is finished and cannot change.');
    }
    await this.validate({ ...current, ...dto });
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(JobOrder).update({ id }, dto);
      await this.audit.record(
        {
          actor: user,
          action: 'order.update',
          subjectType: 'order',
          subjectId: id,
          result: 'success',
          ctx,
          detail: { fields: Object.keys(dto) },
        },
        m,
      );
    });
    return this.get(user, id);
  }

  /** Opening makes the order visible to counsellors; only verified employers may. */
  async open(user: AuthUser, id: string, ctx: RequestContext): Promise<OrderDto> {
    const o = await this.own(user, id);
    const employer = await this.organisations.findInScope(user.organisationId, { kind: 'all' });
    if (employer?.status !== 'verified') {
      throw new DomainError(
        HttpStatus.FORBIDDEN,
        'EMPLOYER_NOT_VERIFIED',
        '单位通过审核后才能发布订单。',
        'Orders can be published once the employer is verified.',
      );
    }
    if (o.deadline < this.clock.today())
      throw badRequest('DEADLINE_PASSED', '截止日期已过，请先修改截止日期。', 'The deadline has passed; change it first.');
    return this.move(user, id, ['draft'], 'open', ctx);
  }

  close(user: AuthUser, id: string, ctx: RequestContext): Promise<OrderDto> {
    return this.move(user, id, ['draft', 'open'], 'closed', ctx);
  }

  private async move(user: AuthUser, id: string, from: OrderState[], to: OrderState, ctx: RequestContext): Promise<OrderDto> {
    await this.own(user, id);
    await this.dataSource.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(JobOrder)
        .set({ state: to, ...(to === 'open' ? { openedAt: this.clock.now() } : { closedAt: this.clock.now() }) })
        .where('id = :id AND state IN (:...from)', { id, from })
        .execute();
      if (!res.affected)
        throw badRequest(
          'ORDER_STATE',
          `订单当前状态不能${to === 'open' ? '发布' : '关闭'}。`,
          `The order cannot be ${to} from its current state.`,
        );
      await this.audit.record({ actor: user, action: `order.${to}`, subjectType: 'order', subjectId: id, result: 'success', ctx }, m);
    });
    return this.get(user, id);
  }

  /** An employer's own order (others: 404). */
  private async own(user: AuthUser, id: string): Promise<JobOrder> {
    await this.access.requireAccess(user, 'order.manage', id);
    const o = await this.dataSource.getRepository(JobOrder).findOneBy({ id });
    if (!o) throw notFoundOrder();
    return o;
  }

  private async validate(o: {
    occupationCode: string;
    divisionCode: string;
    startDate: string;
    deadline: string;
    wageMin?: number | null;
    wageMax?: number | null;
  }): Promise<void> {
    await this.reference.occupation(o.occupationCode).catch(() => {
      throw badRequest('UNKNOWN_OCCUPATION', `职业分类大典中没有代码 ${o.occupationCode}。`, `No occupation ${o.occupationCode}.`);
    });
    if (!(await this.reference.divisionExists(o.divisionCode)))
      throw badRequest('UNKNOWN_DIVISION', `未知的行政区划代码 ${o.divisionCode}。`, `Unknown division ${o.divisionCode}.`);
    if (o.deadline > o.startDate)
      throw badRequest('DEADLINE_AFTER_START', '报名截止日期应不晚于到岗日期。', 'The deadline must not be after the start date.');
    if (o.wageMin != null && o.wageMax != null && o.wageMin > o.wageMax)
      throw badRequest('WAGE_RANGE', '最低工资不能高于最高工资。', 'The minimum wage is above the maximum.');
  }
}

const SELECT = `SELECT o.*, o.start_date::text AS start_date, o.deadline::text AS deadline, e.name AS employer_name, oc.name AS occupation_name, d.name AS division_name
  FROM job_order o JOIN organisation e ON e.id = o.employer_id JOIN occupation oc ON oc.code = o.occupation_code JOIN division d ON d.code = o.division_code`;

function toOrderDto(r: Record<string, unknown>): OrderDto {
  return {
    id: r.id as string,
    employerId: r.employer_id as string,
    employerName: r.employer_name as string,
    title: r.title as string,
    occupationCode: r.occupation_code as string,
    occupationName: r.occupation_name as string,
    headcount: r.headcount as number,
    requiredLevel: r.required_level as number | null,
    requiredLevelName: levelLabel(r.required_level as number | null),
    diplomaWanted: r.diploma_wanted as boolean,
    divisionCode: r.division_code as string,
    divisionName: r.division_name as string,
    workplaceAddress: r.workplace_address as string | null,
    wageMin: r.wage_min as number | null,
    wageMax: r.wage_max as number | null,
    boardAndLodging: r.board_and_lodging as OrderDto['boardAndLodging'],
    startDate: r.start_date as string,
    deadline: r.deadline as string,
    description: r.description as string | null,
    state: r.state as OrderState,
    createdAt: new Date(r.created_at as string).toISOString(),
  };
}
