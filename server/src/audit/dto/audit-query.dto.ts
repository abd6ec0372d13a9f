import { IsDateString, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { KeysetPageQueryDto } from '../../common/dto/page.dto';
import { AUDIT_RESULTS, type AuditResult } from '../audit-entry.entity';

/** Newest first; `after` (the previous page's `nextCursor`) continues by keyset, `page` jumps. */
export class AuditQueryDto extends KeysetPageQueryDto {
  /** Username or user id of the actor. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  /** Action prefix, e.g. `auth.` or `organisation.verify`. */
  @IsOptional()
  @IsString()
  @MaxLength(60)
  action?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  subjectType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  subjectId?: string;

  @IsOptional()
  @IsIn(AUDIT_RESULTS)
  result?: AuditResult;

  /** ISO date-time, inclusive. */
  @IsOptional()
  @IsDateString()
  @MaxLength(40)
  from?: string;

  /** ISO date-time, exclusive. */
  @IsOptional()
  @IsDateString()
  @MaxLength(40)
  to?: string;
}
