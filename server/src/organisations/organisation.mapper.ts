import { creditCodeProblem } from '../common/check-digits';
import type { OrganisationDto } from './dto/organisation.dto';
import type { Organisation } from './organisation.entity';

/** The entity's columns the answer shows. */
export type OrganisationFields = Pick<
  Organisation,
  | 'id'
  | 'name'
  | 'type'
  | 'divisionCode'
  | 'creditCode'
  | 'creditCodeOverride'
  | 'status'
  | 'statusReason'
  | 'contactName'
  | 'contactPhone'
  | 'verifiedAt'
  | 'createdAt'
>;

/** An organisation as callers see it; `divisionName` defaults to the loaded relation's (a list reads it as a column). */
export const toOrganisationDto = (
  o: OrganisationFields & Pick<Organisation, 'division'>,
  divisionName: string | null | undefined = o.division?.name,
): OrganisationDto => ({
  id: o.id,
  name: o.name,
  type: o.type,
  divisionCode: o.divisionCode,
  divisionName: divisionName ?? '',
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
