import type { DemoRepository } from './demo.repository';
import type { DemoOrganisations } from './organisations';
import { syntheticName } from './synthetic';

/** The two demo trainee accounts' user ids (their files are made with the other trainees). */
export interface DemoTraineeAccounts {
  trainee: string;
  trainee2: string;
}

/** The staff accounts README lists: the bureau's three administrators, counsellors, the instructor and the employers. */
async function loadStaffAccounts(repo: DemoRepository, hash: string, o: DemoOrganisations): Promise<void> {
  await repo.insertUser(hash, { username: 'admin', displayName: '省局管理员', role: 'admin', organisationId: o.bureau });
  // 三权分立: the security and audit administrators are separate accounts of the bureau.
  await repo.insertUser(hash, { username: 'security', displayName: '省局安全管理员', role: 'security_admin', organisationId: o.bureau });
  await repo.insertUser(hash, { username: 'auditor', displayName: '省局审计管理员', role: 'audit_admin', organisationId: o.bureau });
  await repo.insertUser(hash, { username: 'counsellor', displayName: '陈指导员', role: 'counsellor', organisationId: o.facilityA });
  // counsellor2 deliberately lacks the unmask permission, to show the difference.
  await repo.grantUnmask('counsellor');
  await repo.insertUser(hash, { username: 'counsellor2', displayName: '林指导员', role: 'counsellor', organisationId: o.facilityB });
  await repo.insertUser(hash, {
    username: 'station',
    displayName: '符社工',
    role: 'counsellor',
    organisationId: o.stations.get('460100')!,
  });
  await repo.grantUnmask('station');
  await repo.insertUser(hash, { username: 'instructor', displayName: '王老师', role: 'instructor', organisationId: o.school });
  await repo.insertUser(hash, {
    username: 'employer',
    displayName: '椰风酒店人事部',
    role: 'employer',
    organisationId: o.employers[0]!,
    phone: '13898761000',
  });
  await repo.insertUser(hash, {
    username: 'employer2',
    displayName: '湾畔餐饮招聘专员',
    role: 'employer',
    organisationId: o.employers[1]!,
    phone: '13898761001',
  });
  await repo.insertUser(hash, {
    username: 'pending-employer',
    displayName: '椰林园林人事',
    role: 'employer',
    organisationId: o.employers[8]!,
  });
}

/** Every account, all with the one published demo password's hash. */
export async function loadDemoAccounts(
  repo: DemoRepository,
  hash: string,
  o: DemoOrganisations,
  rand: () => number,
): Promise<DemoTraineeAccounts> {
  await loadStaffAccounts(repo, hash, o);
  for (const [code, id] of o.stations) {
    if (code === '460100') continue;
    await repo.insertUser(hash, {
      username: `station-${code}`,
      displayName: `${syntheticName(rand)}（社工）`,
      role: 'counsellor',
      organisationId: id,
    });
  }
  const trainee = await repo.insertUser(hash, {
    username: 'trainee',
    displayName: '学员小李',
    role: 'trainee',
    organisationId: o.facilityA,
  });
  const trainee2 = await repo.insertUser(hash, {
    username: 'trainee2',
    displayName: '学员小吴',
    role: 'trainee',
    organisationId: o.facilityB,
  });
  return { trainee, trainee2 };
}
