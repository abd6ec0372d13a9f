import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, DomainError, notFound } from '../common/domain-error';
import { type Page, pageOf } from '../common/dto/page.dto';
import { OrganisationsService } from '../organisations/organisations.service';
import { SKILL_LEVELS } from '../reference/data/divisions';
import { ReferenceService } from '../reference/reference.service';
import type { CreateOrderDto, OrderDto, OrderQueryDto, UpdateOrderDto } from './dto/order.dto';
import type { JobOrder, OrderState } from './order.entity';
import { type OrderRow, OrdersRepository } from './orders.repository';

const notFoundOrder = () => notFound('ORDER');
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
    private readonly organisations: OrganisationsService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly orders: OrdersRepository,
  ) {}

  async list(user: AuthUser, q: OrderQueryDto): Promise<Page<OrderDto>> {
    const [rows, n] = await this.orders.search(this.access.orderFilter(user), q);
    return pageOf(rows.map(toOrderDto), n, q);
  }

  async get(user: AuthUser, id: string): Promise<OrderDto> {
    await this.access.requireAccess(user, 'order.read', id);
    const r = await this.orders.findRow(id);
    if (!r) throw notFoundOrder();
    return toOrderDto(r);
  }

  async create(user: AuthUser, dto: CreateOrderDto, ctx: RequestContext): Promise<OrderDto> {
    await this.validate(dto);
    const id = await this.dataSource.transaction(async (m) => {
      const o = await this.orders.create(
        { ...dto, employerId: user.organisationId, state: 'draft', requiredLevel: dto.requiredLevel ?? null },
        m,
      );
      await this.audit.record({ actor: user, action: 'order.create', subjectType: 'order', subjectId: o.id, result: 'success', ctx }, m);
      return o.id;
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateOrderDto, ctx: RequestContext): Promise<OrderDto> {
    const current = await this.own(user, id);
    if (current.state !== 'draft' && current.state !== 'open') {
      throw badRequest('ORDER_FINISHED');
    }
    await this.validate({ ...current, ...dto });
    await this.dataSource.transaction(async (m) => {
      await this.orders.update(id, dto, m);
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
    const employer = await this.organisations.findOrganisation(user.organisationId);
    if (employer?.status !== 'verified') {
      throw new DomainError(HttpStatus.FORBIDDEN, 'EMPLOYER_NOT_VERIFIED.ORDERS');
    }
    if (o.deadline < this.clock.today()) throw badRequest('DEADLINE_PASSED');
    return this.move(user, id, ['draft'], 'open', ctx);
  }

  close(user: AuthUser, id: string, ctx: RequestContext): Promise<OrderDto> {
    return this.move(user, id, ['draft', 'open'], 'closed', ctx);
  }

  private async move(user: AuthUser, id: string, from: OrderState[], to: OrderState, ctx: RequestContext): Promise<OrderDto> {
    await this.own(user, id);
    await this.dataSource.transaction(async (m) => {
      if (!(await this.orders.transition(id, from, to, this.clock.now(), m)))
        throw badRequest('ORDER_STATE', { value: to === 'open' ? '发布' : '关闭', to });
      await this.audit.record({ actor: user, action: `order.${to}`, subjectType: 'order', subjectId: id, result: 'success', ctx }, m);
    });
    return this.get(user, id);
  }

  /** An employer's own order (others: 404). */
  private async own(user: AuthUser, id: string): Promise<JobOrder> {
    await this.access.requireAccess(user, 'order.manage', id);
    const o = await this.orders.findById(id);
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
      throw badRequest('UNKNOWN_OCCUPATION.ORDERS', { occupationCode: o.occupationCode });
    });
    if (!(await this.reference.divisionExists(o.divisionCode)))
      throw badRequest('UNKNOWN_DIVISION.ORDERS', { divisionCode: o.divisionCode });
    if (o.deadline > o.startDate) throw badRequest('DEADLINE_AFTER_START');
    if (o.wageMin != null && o.wageMax != null && o.wageMin > o.wageMax) throw badRequest('WAGE_RANGE');
  }

  /** For other modules: an order's state and title (an order class checks it is still recruiting). */
  async findOrder(id: string): Promise<{ state: OrderState; title: string } | null> {
    const o = await this.orders.findById(id);
    return o ? { state: o.state, title: o.title } : null;
  }

  /** For recommendations: the order's state and title, share-locked for the caller's transaction. */
  shareLock(id: string, m: EntityManager): Promise<{ state: OrderState; title: string; occupationCode: string; startDate: string } | null> {
    return this.orders.shareLock(id, m);
  }
}

function toOrderDto(r: OrderRow): OrderDto {
  return {
    id: r.id,
    employerId: r.employer_id,
    employerName: r.employer_name,
    title: r.title,
    occupationCode: r.occupation_code,
    occupationName: r.occupation_name,
    headcount: r.headcount,
    requiredLevel: r.required_level,
    requiredLevelName: levelLabel(r.required_level),
    diplomaWanted: r.diploma_wanted,
    divisionCode: r.division_code,
    divisionName: r.division_name,
    workplaceAddress: r.workplace_address,
    wageMin: r.wage_min,
    wageMax: r.wage_max,
    boardAndLodging: r.board_and_lodging,
    startDate: r.start_date,
    deadline: r.deadline,
    description: r.description,
    state: r.state,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
