import type { AuditResult, OrganisationStatus } from '../core/api/api-types';
import type { I18n } from '../core/i18n/i18n';

/** The audit action in words when we know it, else the raw code (new server actions still show). */
export function auditActionLabel(i18n: I18n, action: string): string {
  return i18n.tryT(`audit.action.${action}`) ?? action;
}

export function auditResultColor(result: AuditResult): string {
  return result === 'success' ? 'green' : result === 'denied' ? 'orange' : 'red';
}

export function organisationStatusColor(status: OrganisationStatus): string {
  switch (status) {
    case 'active':
    case 'verified':
      return 'green';
    case 'pending':
      return 'gold';
    case 'rejected':
      return 'red';
    case 'inactive':
      return 'default';
  }
}
