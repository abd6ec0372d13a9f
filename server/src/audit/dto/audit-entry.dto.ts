import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_RESULTS, type AuditResult } from '../audit-entry.entity';

export class AuditEntryDto {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  actorOrganisationId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  @ApiProperty({ enum: AUDIT_RESULTS })
  result: AuditResult;
  requestId: string | null;
  ip: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  detail: Record<string, unknown> | null;
}

export class AuditEntryPageDto {
  @ApiProperty({ type: [AuditEntryDto] })
  items: AuditEntryDto[];
  @ApiProperty({ description: 'Entries matching the filters, at most COUNT_CAP (10,000): see totalCapped' })
  total: number;
  page: number;
  pageSize: number;
  @ApiPropertyOptional({ description: 'More than COUNT_CAP entries match: total is a lower bound (show "10,000+")' })
  totalCapped?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page' })
  nextCursor?: string | null;
}
