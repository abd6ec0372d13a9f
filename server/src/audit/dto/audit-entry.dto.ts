import { ApiProperty } from '@nestjs/swagger';
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
  total: number;
  page: number;
  pageSize: number;
}
