import { ApiProperty } from '@nestjs/swagger';

/**
 * What the home shows a member of staff: numbers only, each the number of rows of the list it opens
 * (the client knows the routes). One section is filled, by who is asking; the others are null.
 */
export const TODAY_KINDS = ['station', 'facility', 'instructor', 'admin'] as const;
export type TodayKind = (typeof TODAY_KINDS)[number];

/** A community station's counsellor. */
export class StationTodayDto {
  /** Planned visits due today (GET /follow-ups, view=due, daysOverdue = 0). */
  visitsDueToday: number;
  /** Planned visits past their due date (GET /follow-ups, view=due, daysOverdue > 0). */
  visitsOverdue: number;
  /** Handovers sent to this station, waiting for it to accept (GET /handovers?direction=incoming&state=sent). */
  handoversToAccept: number;
  /** People not reached: open lost-contact cases (GET /lost-contacts). */
  notReached: number;
  /** Transfers asked of this station, waiting for its answer (GET /transfers?direction=incoming&state=requested). */
  transfersToAnswer: number;
}

/** A facility's counsellor. */
export class FacilityTodayDto {
  /** Trainees in pre-release: release within 30 days (GET /trainees?state=pre_release). */
  releasesWithin30Days: number;
  /** Of those, how many still miss a pre-release checklist item (GET /trainees/checklists/behind). */
  releasesMissingSomething: number;
  /** Handovers sent, not yet accepted by the station (GET /handovers?direction=outgoing&state=sent). */
  handoversWaiting: number;
  /** Recommendations waiting for the trainee's answer (GET /placements?state=recommended). */
  recommendationsAwaitingTrainee: number;
}

/** An instructor: the course sessions they teach and the classes they head. */
export class InstructorTodayDto {
  /** Course sessions the instructor teaches that run today (starts ≤ today ≤ ends). */
  sessionsToday: number;
  /** Sessions already begun, with students, where no attendance has been recorded yet. */
  attendanceMissing: number;
  /** Class applications waiting for a decision, in the classes the instructor heads (their rosters' `applied` rows). */
  approvalsWaiting: number;
}

/** One station's overdue visits. */
export class StationOverdueDto {
  stationId: string;
  stationName: string;
  overdue: number;
}

/** The bureau's administrator. */
export class AdminTodayDto {
  /** Overdue planned visits per station, most first (stations with none left out). */
  @ApiProperty({ type: [StationOverdueDto] })
  overdueVisitsByStation: StationOverdueDto[];
  /** Fairs held this month (GET /fairs?month=YYYY-MM). */
  fairsThisMonth: number;
  /** Employers waiting for verification (GET /organisations?type=employer&status=pending). */
  employersToVerify: number;
}

export class TodayDto {
  @ApiProperty({ enum: TODAY_KINDS })
  kind: TodayKind;
  /** The day counted (China time, YYYY-MM-DD). */
  today: string;
  @ApiProperty({ type: StationTodayDto, nullable: true })
  station: StationTodayDto | null;
  @ApiProperty({ type: FacilityTodayDto, nullable: true })
  facility: FacilityTodayDto | null;
  @ApiProperty({ type: InstructorTodayDto, nullable: true })
  instructor: InstructorTodayDto | null;
  @ApiProperty({ type: AdminTodayDto, nullable: true })
  admin: AdminTodayDto | null;
}
