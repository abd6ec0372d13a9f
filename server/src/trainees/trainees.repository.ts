import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { TraineeState } from './trainee.entity';
import { Trainee } from './trainee.entity';

/** `all` for admins; otherwise the trainees held by one organisation. */
export type TraineeScope = { kind: 'all' } | { kind: 'organisation'; organisationId: string };

@Injectable()
export class TraineesRepository {
  constructor(@InjectRepository(Trainee) private readonly repo: Repository<Trainee>) {}

  async countByState(scope: TraineeScope): Promise<{ state: TraineeState; n: number; releasing: number }[]> {
    const qb = this.repo
      .createQueryBuilder('t')
      .select('t.state', 'state')
      .addSelect('count(*)::int', 'n')
      .addSelect(
        `count(*) FILTER (WHERE t.state IN ('admitted','pre_release') AND t.expected_release_on <= current_date + 30)::int`,
        'releasing',
      )
      .groupBy('t.state');
    if (scope.kind === 'organisation') qb.where('t.organisation_id = :org', { org: scope.organisationId });
    return qb.getRawMany();
  }

  findByUser(userId: string): Promise<Trainee | null> {
    return this.repo.findOne({ where: { userId }, relations: { organisation: true } });
  }
}
