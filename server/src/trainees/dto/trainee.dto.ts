import { ApiProperty } from '@nestjs/swagger';
import { TRAINEE_STATES, type TraineeState } from '../trainee.entity';

export class CaseloadSummaryDto {
  /** Trainees in the caller's scope (own organisation; everyone for admins). */
  total: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Count per lifecycle state' })
  byState: Record<TraineeState, number>;
  /** Still inside, with an expected release date in the next 30 days. */
  releasingWithin30Days: number;
}

/** What a trainee sees about themselves on their portal. */
export class MyTraineeStatusDto {
  fullName: string;
  @ApiProperty({ enum: TRAINEE_STATES })
  state: TraineeState;
  expectedReleaseOn: string;
  releasedOn: string | null;
  /** Days until the expected release (negative once past), while still inside. */
  daysToRelease: number | null;
  organisationName: string;
}
