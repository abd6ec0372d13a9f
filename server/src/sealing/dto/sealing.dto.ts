import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page.dto';
import { SEAL_BASES, SEAL_STATES, UNSEAL_BASES, type SealBasis, type SealState, type UnsealBasis } from '../record-seal.entity';

/** A bureau administrator asks to unseal one record, stating the legal basis; a second one decides. */
export class RequestUnsealDto {
  /** 身份证号 of the person, as the requesting organ's papers give it: a sealed record is found no other way. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @MaxLength(32)
  identityNumber: string;

  @ApiProperty({ enum: UNSEAL_BASES })
  @IsIn(UNSEAL_BASES)
  basis: UnsealBasis;

  /** The reference that backs the basis (a case number, the querying unit and its letter). Bureau administrators only. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  note: string;

  /** How many days the record stays unsealed once approved (then it is sealed again). */
  @IsInt()
  @Min(1)
  @Max(90)
  days: number;
}

export class UnsealRequestDto {
  id: string;
  @ApiProperty({ enum: SEAL_BASES })
  basis: SealBasis;
  note: string | null;
  @ApiProperty({ enum: SEAL_STATES })
  state: SealState;
  /** The identity number's last four characters: enough for the approver to check it against the papers. */
  identityTail: string;
  requestedByName: string | null;
  decidedByName: string | null;
  requestedAt: string;
  decidedAt: string | null;
  /** The last day the record stays unsealed if approved. */
  exemptUntil: string | null;
  /** Whether the caller may decide it (an open request someone else made). */
  mayDecide: boolean;
}

/** The requests to unseal, a page at a time (open ones first, then the newest). */
export class UnsealRequestQueryDto extends PageQueryDto {}

export class UnsealRequestPageDto {
  @ApiProperty({ type: [UnsealRequestDto] })
  items: UnsealRequestDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class DecideUnsealDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'])
  decision: 'approved' | 'rejected';
}

/** What the sealing and the retention schedule hold, in counts only. */
export class SealingSummaryDto {
  sealed: number;
  pendingRequests: number;
  erased: number;
  /** Years after a case closed before its record is sealed (SEAL_AFTER_YEARS). */
  sealAfterYears: number;
  /** The retention schedule: what is deleted or erased, and when. */
  @ApiProperty({ type: () => [RetentionRuleDto] })
  retention: RetentionRuleDto[];
}

export class RetentionRuleDto {
  key: string;
  whatZh: string;
  whatEn: string;
  /** e.g. "90 days after use or expiry". */
  whenZh: string;
  whenEn: string;
}

/** One run of the sealing job: what it did (for the audit log and the tests). */
export class SealingRunDto {
  sealed: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  retention: Record<string, number>;
}
