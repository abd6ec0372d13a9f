import { ApiProperty } from '@nestjs/swagger';

/** A job that failed for good (its retries used up), as the system administrator sees it. */
export class FailedJobDto {
  id: string;
  /** The queue, i.e. what kind of work: `notification-delivery`, `housekeeping`, `pre-release`, … */
  name: string;
  /** How many times it was tried. */
  attempts: number;
  /** The last attempt's error, with quoted values, identity numbers and phone-like numbers withheld. */
  lastError: string | null;
  createdAt: string;
  failedAt: string | null;
  /** The dead-letter queue a copy was parked in, if its queue has one. */
  deadLetter: string | null;
  /** What the job was about: ids and codes only (a notice's id, a transport's name), never names or numbers. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  refs: Record<string, string>;
}

export class FailedJobPageDto {
  @ApiProperty({ type: [FailedJobDto] })
  items: FailedJobDto[];
  total: number;
  page: number;
  pageSize: number;
}
