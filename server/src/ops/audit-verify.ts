// `npm run audit:verify`: walks the audit log's hash chain and reports the first broken link.
import 'reflect-metadata';
import { AUDIT_VERIFY_USAGE, runAuditVerify } from './audit-verify-run';
import { main } from './cli';

void main(runAuditVerify, 'Audit verification', AUDIT_VERIFY_USAGE);
