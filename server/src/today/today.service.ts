import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import type { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { CoursesService } from '../courses/courses.service';
import { ClassApplicationsService } from '../diplomas/class-applications.service';
import { FairsService } from '../fairs/fairs.service';
import { FollowUpsService } from '../follow-ups/follow-ups.service';
import { HandoversService } from '../handovers/handovers.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { PlacementsService } from '../placements/placements.service';
import { SupervisionService } from '../supervision/supervision.service';
import { ChecklistService } from '../trainees/checklist.service';
import { TraineesService } from '../trainees/trainees.service';
import { UsersService } from '../users/users.service';
import type { AdminTodayDto, FacilityTodayDto, InstructorTodayDto, StationTodayDto, TodayDto } from './dto/today.dto';

/**
 * The home's "today": for each role, the counts of what must be done, each asked of the module that
 * owns the list it opens, through that list's own query and scope — so the number on the home is
 * the number of rows the list shows. Nothing here names a person.
 */
@Injectable()
export class TodayService {
  constructor(
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly followUps: FollowUpsService,
    private readonly handovers: HandoversService,
    private readonly supervision: SupervisionService,
    private readonly trainees: TraineesService,
    private readonly checklist: ChecklistService,
    private readonly placements: PlacementsService,
    private readonly organisations: OrganisationsService,
    private readonly courses: CoursesService,
    private readonly classApplications: ClassApplicationsService,
    private readonly fairs: FairsService,
  ) {}

  async forCaller(user: AuthUser): Promise<TodayDto> {
    const base: TodayDto = { kind: 'admin', today: this.clock.today(), station: null, facility: null, instructor: null, admin: null };
    if (this.access.can(user, 'province.all')) return { ...base, kind: 'admin', admin: await this.adminCounts(user) };
    if (this.access.can(user, 'learning.teach')) return { ...base, kind: 'instructor', instructor: await this.instructorCounts(user) };
    const account = await this.users.findAccountWithOrganisation(user.id);
    if (account?.organisationType === 'community_station') return { ...base, kind: 'station', station: await this.stationCounts(user) };
    return { ...base, kind: 'facility', facility: await this.facilityCounts(user) };
  }

  private async stationCounts(user: AuthUser): Promise<StationTodayDto> {
    const [visits, handoversToAccept, notReached, transfersToAnswer] = await Promise.all([
      this.followUps.dueCounts(user),
      this.handovers.count(user, { direction: 'incoming', state: 'sent' }),
      this.supervision.countOpenLostContacts(user),
      this.supervision.countTransfers(user, { direction: 'incoming', state: 'requested' }),
    ]);
    return { visitsDueToday: visits.dueToday, visitsOverdue: visits.overdue, handoversToAccept, notReached, transfersToAnswer };
  }

  private async facilityCounts(user: AuthUser): Promise<FacilityTodayDto> {
    const [releasesWithin30Days, releasesMissingSomething, handoversWaiting, recommended] = await Promise.all([
      this.trainees.countCaseload(user, { state: 'pre_release' }),
      this.checklist.countBehind(user),
      this.handovers.count(user, { direction: 'outgoing', state: 'sent' }),
      this.placements.list(user, { state: 'recommended', page: 1, pageSize: 1 }),
    ]);
    return { releasesWithin30Days, releasesMissingSomething, handoversWaiting, recommendationsAwaitingTrainee: recommended.total };
  }

  /** Sessions and applications as the teaching pages read them (the courses and diplomas modules count). */
  private async instructorCounts(user: AuthUser): Promise<InstructorTodayDto> {
    const [teaching, approvalsWaiting] = await Promise.all([
      this.courses.teachingToday(user),
      this.classApplications.applicationsWaiting(user),
    ]);
    return { ...teaching, approvalsWaiting };
  }

  private async adminCounts(user: AuthUser): Promise<AdminTodayDto> {
    const [overdueVisitsByStation, employers, fairsThisMonth] = await Promise.all([
      this.followUps.overdueByStation(user),
      this.organisations.list(user, { type: 'employer', status: 'pending', page: 1, pageSize: 1 }),
      this.fairs.countInMonth(user, this.clock.today().slice(0, 7)),
    ]);
    return { overdueVisitsByStation, fairsThisMonth, employersToVerify: employers.total };
  }
}
