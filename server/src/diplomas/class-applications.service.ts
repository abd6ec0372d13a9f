import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Clock } from '../common/clock';
import { badRequest, DomainError, notFound } from '../common/domain-error';
import { TraineesService } from '../trainees/trainees.service';
import { DiplomasRepository } from './diplomas.repository';
import { DiplomasService } from './diplomas.service';
import type { BulkApplyItemDto, BulkApplyResultDto, TraineeClassEnrolmentDto } from './dto/diploma.dto';

/**
 * Class places seen from the person (their file's 学习 tab) and applications for a caseload
 * selection. An application takes no seat (the school approves, and approval goes through the
 * `SeatEngine`), so a bulk application cannot overrun a class's capacity.
 */
@Injectable()
export class ClassApplicationsService {
  constructor(
    private readonly diplomas: DiplomasRepository,
    private readonly places: DiplomasService,
    private readonly trainees: TraineesService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Applies for everyone in one transaction. All must be trainees the caller's organisation holds
   * (else 404/403, nothing written). Someone already in this class is `already`; someone with a
   * live place in another class of the same programme is `other_class` (one place per programme).
   */
  async applyMany(user: AuthUser, classId: string, traineeIds: string[], ctx: RequestContext): Promise<BulkApplyResultDto> {
    const ids = [...new Set(traineeIds)].sort();
    const readable = await this.access.checkAccess(user, 'trainee.read', ids);
    if (ids.some((id) => !readable.has(id))) throw notFound('TRAINEE_RECORD');
    const writable = await this.access.checkAccess(user, 'trainee.write', ids);
    if (ids.some((id) => !writable.has(id))) throw new DomainError(HttpStatus.FORBIDDEN, 'READ_ONLY');
    const c = await this.diplomas.findClass(classId);
    if (!c) throw notFound('CLASS');
    if (c.endsOn < this.clock.today()) throw badRequest('CLASS_ENDED');
    const done = await this.dataSource.transaction(async (m) => {
      const out = new Map<string, { id: string | null; other: string | null }>();
      // Sorted ids: two requests lock the same trainees in the same order.
      for (const tid of ids) {
        await this.trainees.lockTrainee(tid, m);
        const other = await this.diplomas.otherLivePlace(tid, c.programmeId, classId, m);
        if (other) {
          out.set(tid, { id: null, other: other.name });
          continue;
        }
        const id = await this.diplomas.insertApplicationIfAbsent(classId, tid, user.id, m);
        if (!id) continue;
        await this.audit.record(
          {
            actor: user,
            action: 'class.apply',
            subjectType: 'trainee',
            subjectId: tid,
            result: 'success',
            ctx,
            detail: { classId, assisted: true, bulk: true },
          },
          m,
        );
        out.set(tid, { id, other: null });
      }
      return out;
    });
    const live = new Map((await this.diplomas.liveEnrolmentIds(classId, ids)).map((r) => [r.trainee_id, r.id]));
    const names = await this.diplomas.namesOf(ids);
    const items: BulkApplyItemDto[] = ids.map((tid) => {
      const mine = done.get(tid);
      const outcome = mine?.other ? 'other_class' : mine?.id ? 'applied' : 'already';
      return {
        traineeId: tid,
        traineeName: names.get(tid) ?? '',
        outcome,
        enrolmentId: mine?.id ?? live.get(tid) ?? null,
        otherClassName: mine?.other ?? null,
      };
    });
    const count = (o: BulkApplyItemDto['outcome']) => items.filter((i) => i.outcome === o).length;
    return { applied: count('applied'), already: count('already'), otherClass: count('other_class'), items };
  }

  /** A trainee's class places with attendance, for their file (audited as a read of the file). */
  async enrolmentsOf(user: AuthUser, traineeId: string, ctx: RequestContext): Promise<TraineeClassEnrolmentDto[]> {
    const { row } = await this.trainees.readable(user, traineeId);
    await this.audit.record({
      actor: user,
      action: 'trainee.read_learning',
      subjectType: 'trainee',
      subjectId: row.id,
      result: 'success',
      ctx,
      detail: { track: 'diplomas' },
    });
    const ids = await this.diplomas.enrolmentIdsOfTrainee(row.id);
    const attendance = new Map((await this.diplomas.attendanceOfTrainee(row.id)).map((a) => [a.enrolment_id, a]));
    return Promise.all(
      ids.map(async (id) => ({
        ...(await this.places.enrolment(id)),
        attended: attendance.get(id)?.attended ?? 0,
        meetings: attendance.get(id)?.meetings ?? 0,
      })),
    );
  }

  /** The instructor's home: applications waiting in the classes they may open, through the roster's rule. */
  async applicationsWaiting(user: AuthUser): Promise<number> {
    const classes = await this.access.checkAccess(user, 'class.read', await this.diplomas.classIds());
    const applications = await this.diplomas.applicationsIn([...classes]);
    return (await this.access.checkAccess(user, 'class-enrolment.list', applications)).size;
  }
}
