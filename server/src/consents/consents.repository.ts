import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, Repository } from 'typeorm';
import { Consent, type ConsentPurpose, ConsentText } from './consent.entity';

export type ConsentWithEmployer = Consent & { employerName: string | null };

@Injectable()
export class ConsentsRepository {
  constructor(
    @InjectRepository(Consent) private readonly consents: Repository<Consent>,
    @InjectRepository(ConsentText) private readonly texts: Repository<ConsentText>,
  ) {}

  /** The newest version of each purpose's text. */
  currentTexts(): Promise<ConsentText[]> {
    return this.texts.createQueryBuilder('t').distinctOn(['t.purpose']).orderBy('t.purpose').addOrderBy('t.version', 'DESC').getMany();
  }

  async currentVersion(purpose: ConsentPurpose): Promise<number | null> {
    const row = await this.texts.findOne({ where: { purpose }, order: { version: 'DESC' } });
    return row?.version ?? null;
  }

  async forTrainee(traineeId: string): Promise<ConsentWithEmployer[]> {
    const rows = await this.consents.find({ where: { traineeId }, relations: { employer: true }, order: { grantedAt: 'DESC' } });
    return rows.map((c) => Object.assign(c, { employerName: c.employer?.name ?? null }));
  }

  findLive(traineeId: string, purpose: ConsentPurpose, employerId: string | null, m: EntityManager): Promise<Consent | null> {
    return m.getRepository(Consent).findOne({
      where: { traineeId, purpose, employerId: employerId ?? IsNull(), withdrawnAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  findForUpdate(id: string, traineeId: string, m: EntityManager): Promise<Consent | null> {
    return m.getRepository(Consent).findOne({ where: { id, traineeId }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(data: Partial<Consent>, m: EntityManager): Promise<Consent> {
    const repo = m.getRepository(Consent);
    return repo.save(repo.create(data));
  }

  async withdraw(id: string, by: string, assisted: boolean, m: EntityManager): Promise<void> {
    await m.getRepository(Consent).update({ id }, { withdrawnAt: () => 'now()', withdrawnBy: by, withdrawnAssisted: assisted });
  }

  /** Is there a live consent? The matching engine and employer views ask this on every read. */
  async hasLive(traineeId: string, purpose: ConsentPurpose, employerId?: string): Promise<boolean> {
    return this.consents.existsBy({ traineeId, purpose, employerId: employerId ?? IsNull(), withdrawnAt: IsNull() });
  }
}
