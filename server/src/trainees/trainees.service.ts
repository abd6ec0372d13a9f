import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { notFound } from '../common/domain-error';
import type { CaseloadSummaryDto, MyTraineeStatusDto } from './dto/trainee.dto';
import { TRAINEE_STATES, type TraineeState } from './trainee.entity';
import { type TraineeScope, TraineesRepository } from './trainees.repository';

export const traineeScopeOf = (user: AuthUser): TraineeScope =>
  user.role === 'admin' ? { kind: 'all' } : { kind: 'organisation', organisationId: user.organisationId };

@Injectable()
export class TraineesService {
  constructor(
    private readonly trainees: TraineesRepository,
    private readonly audit: AuditService,
  ) {}

  async caseloadSummary(user: AuthUser): Promise<CaseloadSummaryDto> {
    const rows = await this.trainees.countByState(traineeScopeOf(user));
    const byState = Object.fromEntries(TRAINEE_STATES.map((s) => [s, 0])) as Record<TraineeState, number>;
    let releasing = 0;
    for (const r of rows) {
      byState[r.state] = r.n;
      releasing += r.releasing;
    }
    return { total: rows.reduce((a, r) => a + r.n, 0), byState, releasingWithin30Days: releasing };
  }

  async myStatus(user: AuthUser, ctx: RequestContext): Promise<MyTraineeStatusDto> {
    const t = await this.trainees.findByUser(user.id);
    if (!t) throw notFound('学员档案', 'Trainee record');
    await this.audit.record({ actor: user, action: 'trainee.read_self', subjectType: 'trainee', subjectId: t.id, result: 'success', ctx });
    const inside = t.state === 'admitted' || t.state === 'pre_release';
    const days = Math.round((Date.parse(t.expectedReleaseOn) - Date.parse(new Date().toISOString().slice(0, 10))) / 86_400_000);
    return {
      fullName: t.fullName,
      state: t.state,
      expectedReleaseOn: t.expectedReleaseOn,
      releasedOn: t.releasedOn,
      daysToRelease: inside ? days : null,
      organisationName: t.organisation?.name ?? '',
    };
  }
}
