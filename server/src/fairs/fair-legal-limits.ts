import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { badRequest } from '../common/domain-error';
import { JobLimitsService } from '../job-limits/job-limits.service';

/** An order brought to a fair, as the legal job limits read it. */
export interface FairOrderFacts {
  orderId: string;
  occupationCode: string;
  startDate: string;
}

/**
 * The legal job limits at a fair, applied privately: an employer simply does not find a person who may
 * not take any of its jobs there (not in its candidate list; an invitation or an intent answers exactly
 * as for a registration that does not exist); the person and their counsellor are told until when.
 */
@Injectable()
export class FairLegalLimits {
  constructor(private readonly jobLimits: JobLimitsService) {}

  /** Of these people, those who may take at least one of the orders (on its start date). */
  async mayTakeAny(traineeIds: string[], orders: FairOrderFacts[], m?: EntityManager): Promise<Set<string>> {
    const open = new Set<string>();
    const people = [...new Set(traineeIds)];
    if (!people.length) return open;
    for (const order of orders) {
      const pending = people.filter((id) => !open.has(id));
      if (!pending.length) break;
      const legal = await this.jobLimits.eligibility(m, pending, order.occupationCode, order.startDate);
      for (const id of pending) if (legal.get(id)?.eligible !== false) open.add(id);
    }
    return open;
  }

  /**
   * For the person's own side (booking a booth's slot, confirming an intent): refuses, saying from
   * when, when none of the orders may be taken. The earliest foreseeable date is the one that matters.
   */
  async assertMayTakeAny(traineeId: string, orders: FairOrderFacts[], what: 'booth' | 'intent', m?: EntityManager): Promise<void> {
    let earliest: string | null = null;
    for (const order of orders) {
      const legal = (await this.jobLimits.eligibility(m, [traineeId], order.occupationCode, order.startDate)).get(traineeId);
      if (!legal || legal.eligible) return;
      if (legal.from && !legal.whileSupervised && (!earliest || legal.from < earliest)) earliest = legal.from;
    }
    if (!orders.length) return;
    const from = earliest?.slice(0, 7);
    if (what === 'booth') throw from ? badRequest('FAIR_BOOTH_LEGAL_LIMIT.FROM', { from }) : badRequest('FAIR_BOOTH_LEGAL_LIMIT');
    throw from ? badRequest('PLACEMENT_LEGAL_LIMIT_INTENT.FROM', { from }) : badRequest('PLACEMENT_LEGAL_LIMIT_INTENT');
  }
}
