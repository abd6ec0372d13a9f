import { jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { ReferenceService } from '../reference/reference.service';
import type { OrganisationsRepository } from './organisations.repository';
import { AccessService } from '../access/access.service';
import { OrganisationsService } from './organisations.service';

describe('OrganisationsService', () => {
  const repo = { findInScope: jest.fn<OrganisationsRepository['findInScope']>(), search: jest.fn(), creditCodeTaken: jest.fn() };
  const reference = { divisionExists: jest.fn<ReferenceService['divisionExists']>() };
  const service = new OrganisationsService(
    repo as unknown as OrganisationsRepository,
    reference as unknown as ReferenceService,
    {} as AuditService,
    {} as DataSource,
    new AccessService({} as DataSource),
  );
  const counsellor = { id: 'u1', username: 'c', role: 'counsellor' as const, organisationId: 'org-a', scope: 'own-organisation' as const };

  beforeEach(() => jest.resetAllMocks());

  it('scopes callers to what the route declares for them', async () => {
    repo.search.mockResolvedValue([[], 0] as never);
    await service.list(counsellor, { page: 1, pageSize: 20 });
    expect(repo.search).toHaveBeenLastCalledWith(expect.anything(), { kind: 'own', organisationId: 'org-a' });
    await service.list({ ...counsellor, role: 'admin', scope: 'all' }, { page: 1, pageSize: 20 });
    expect(repo.search).toHaveBeenLastCalledWith(expect.anything(), { kind: 'all' });
  });

  it('answers 404 (not 403) for an organisation outside the caller’s scope', async () => {
    repo.findInScope.mockResolvedValue(null);
    await expect(service.get(counsellor, 'org-b')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(repo.findInScope).toHaveBeenCalledWith('org-b', { kind: 'own', organisationId: 'org-a' });
  });

  it('accepts a valid credit code, refuses a failing one unless overridden', () => {
    expect(service.creditCodeDecision('91350100M000100Y43', false)).toBe(false);
    expect(() => service.creditCodeDecision('91350100M000100Y44', false)).toThrow(expect.objectContaining({ code: 'CREDIT_CODE_INVALID' }));
    expect(service.creditCodeDecision('91350100M000100Y44', true)).toBe(true);
  });

  it('refuses an unknown division with a message naming it', async () => {
    reference.divisionExists.mockResolvedValue(false);
    await expect(service.assertDivision('999999')).rejects.toMatchObject({ status: 400, code: 'UNKNOWN_DIVISION' });
  });
});
