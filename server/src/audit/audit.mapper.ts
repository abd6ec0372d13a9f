import type { AuditEntry } from './audit-entry.entity';
import type { AuditEntryDto } from './dto/audit-entry.dto';

export const toAuditEntryDto = (a: AuditEntry): AuditEntryDto => ({
  id: a.id,
  occurredAt: a.occurredAt.toISOString(),
  actorId: a.actorId,
  actorUsername: a.actorUsername,
  actorRole: a.actorRole,
  actorOrganisationId: a.actorOrganisationId,
  action: a.action,
  subjectType: a.subjectType,
  subjectId: a.subjectId,
  result: a.result,
  requestId: a.requestId,
  ip: a.ip,
  detail: a.detail,
});
