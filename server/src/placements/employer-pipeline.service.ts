import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import type { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { notFound } from '../common/domain-error';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersService } from '../users/users.service';
import type { EmployerPipelineDto } from './dto/employer-pipeline.dto';
import { EmployerPipelineRepository } from './employer-pipeline.repository';

/**
 * The employer's loop (issue 12): a notice when a candidate arrives on one of their orders, what is new
 * (not yet opened) per order, today's interviews and offers awaiting the trainee's answer. Every text
 * an employer reads here is fixed words around the employer's own order title: nothing about a person.
 */
@Injectable()
export class EmployerPipelineService {
  constructor(
    private readonly pipelineRows: EmployerPipelineRepository,
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  async pipeline(user: AuthUser): Promise<EmployerPipelineDto> {
    const rows = await this.pipelineRows.pipeline(this.employerOf(user), this.clock.today());
    const sum = (k: 'new_candidates' | 'interviews_today' | 'offers_waiting') => rows.reduce((n, r) => n + r[k], 0);
    return {
      newCandidates: sum('new_candidates'),
      interviewsToday: sum('interviews_today'),
      offersWaiting: sum('offers_waiting'),
      orders: rows.map((r) => ({
        orderId: r.order_id,
        newCandidates: r.new_candidates,
        interviewsToday: r.interviews_today,
        offersWaiting: r.offers_waiting,
      })),
    };
  }

  /** The employer opened the candidate (or acted on it). Another organisation's candidate: 404. */
  async markSeen(user: AuthUser, orderId: string, placementId: string): Promise<void> {
    await this.access.requireAccess(user, 'order.manage', orderId);
    if (!(await this.pipelineRows.markSeen(orderId, this.employerOf(user), placementId, this.clock.now()))) throw notFound('PLACEMENT');
  }

  /** A candidate became visible on an order: each of the employer's accounts is told once (order title, fixed words). */
  async candidateArrived(orderId: string, placementId: string, m: EntityManager): Promise<void> {
    const order = await this.pipelineRows.orderOf(orderId, m);
    if (!order) return;
    for (const userId of await this.users.employerAccountIds(order.employer_id, m))
      await this.notifications.notify(
        {
          userId,
          kind: 'placement.candidate',
          titleZh: `「${order.title}」有新候选人，请查看`,
          titleEn: `New candidate for “${order.title}”`,
          link: `/orders/${orderId}`,
          dedupeKey: `placement.candidate:${placementId}`,
        },
        m,
      );
  }

  /** The trainee accepted: the employer may now call them to arrange an interview. */
  async candidateAccepted(employerId: string, p: { id: string; orderId: string; candidateCode: string }, title: string, m: EntityManager) {
    for (const userId of await this.users.employerAccountIds(employerId, m))
      await this.notifications.notify(
        {
          userId,
          kind: 'placement.accepted',
          titleZh: `候选人 ${p.candidateCode} 已接受「${title}」的推荐，可以联系安排面试`,
          titleEn: `Candidate ${p.candidateCode} accepted for “${title}”: you may arrange an interview`,
          link: `/orders/${p.orderId}`,
          dedupeKey: `placement.accepted:${p.id}`,
        },
        m,
      );
  }

  private employerOf(user: AuthUser): string {
    const org = this.access.organisationOf(user);
    if (!org) throw notFound('ORDER');
    return org;
  }
}
