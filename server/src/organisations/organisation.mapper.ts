import { creditCodeProblem } from '../common/check-digits';
import type { OrganisationDto } from './dto/organisation.dto';
import type { Organisation } from './organisation.entity';

export const toOrganisationDto = (o: Organisation): OrganisationDto => ({
  id: o.id,
  name: o.name,
  type: o.type,
  divisionCode: o.divisionCode,
  divisionName: o.division?.name ?? '',
  creditCode: o.creditCode,
  creditCodeValid: o.creditCode ? creditCodeProblem(o.creditCode) === null : null,
  creditCodeOverride: o.creditCodeOverride,
  status: o.status,
  statusReason: o.statusReason,
  contactName: o.contactName,
  contactPhone: o.contactPhone,
  verifiedAt: o.verifiedAt?.toISOString() ?? null,
  createdAt: o.createdAt.toISOString(),
});
