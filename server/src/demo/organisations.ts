import { HAINAN_DIVISIONS } from '../reference/data/divisions';
import type { DemoRepository } from './demo.repository';
import { syntheticCreditCode, syntheticName } from './synthetic';

const EMPLOYERS: { name: string; division: string; status: 'verified' | 'pending'; badCode?: boolean }[] = [
  { name: '海口椰风酒店管理有限公司', division: '460100', status: 'verified' },
  { name: '三亚湾畔餐饮有限公司', division: '460200', status: 'verified' },
  { name: '儋州汇通物流有限公司', division: '460400', status: 'verified' },
  { name: '琼海绿野农业开发有限公司', division: '469002', status: 'verified' },
  { name: '文昌星港汽车维修有限公司', division: '469005', status: 'verified' },
  { name: '万宁浪花电子商务有限公司', division: '469006', status: 'verified' },
  { name: '澄迈福山物业服务有限公司', division: '469023', status: 'verified' },
  { name: '东方海韵制冷设备工程有限公司', division: '469007', status: 'verified' },
  { name: '陵水椰林园林绿化有限公司', division: '469028', status: 'pending' },
  { name: '海口康乐养老服务有限公司', division: '460100', status: 'pending', badCode: true },
];

/** The demo's organisations, by the part each plays. */
export interface DemoOrganisations {
  bureau: string;
  facilityA: string;
  facilityB: string;
  /** Division code → its community station (三沙 has none). */
  stations: Map<string, string>;
  school: string;
  /** In the order of EMPLOYERS: A and B verified, [8] pending. */
  employers: string[];
  /** How many organisations were made, for the audit entry. */
  count: number;
}

/** The ten employers, each with a valid credit code except the one that shows a bad one. */
async function loadEmployers(repo: DemoRepository, rand: () => number): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, e] of EMPLOYERS.entries()) {
    let code = syntheticCreditCode(e.division, 100 + i);
    if (e.badCode) code = code.slice(0, 17) + (code[17] === '1' ? '2' : '1');
    ids.push(
      await repo.insertOrganisation({
        name: e.name,
        type: 'employer',
        division: e.division,
        status: e.status,
        creditCode: code,
        contactName: syntheticName(rand),
        contactPhone: `1389876${String(1000 + i)}`,
      }),
    );
  }
  return ids;
}

/** The bureau, two facilities, a community station in each division but 三沙, the school, a training provider and the employers. */
export async function loadDemoOrganisations(repo: DemoRepository, rand: () => number): Promise<DemoOrganisations> {
  const bureau = await repo.insertOrganisation({ name: '海南省戒毒管理局', type: 'bureau', division: '460100' });
  const facilityA = await repo.insertOrganisation({ name: '海南省第一强制隔离戒毒所', type: 'facility', division: '460100' });
  const facilityB = await repo.insertOrganisation({ name: '海南省第二强制隔离戒毒所', type: 'facility', division: '460400' });
  const stations = new Map<string, string>();
  for (const d of HAINAN_DIVISIONS) {
    if (d.code === '460300') continue; // 三沙 has no station
    stations.set(d.code, await repo.insertOrganisation({ name: `${d.name}社区康复指导站`, type: 'community_station', division: d.code }));
  }
  const school = await repo.insertOrganisation({ name: '琼州职业技术学校', type: 'school', division: '460100' });
  await repo.insertOrganisation({ name: '海南匠心职业技能培训学校', type: 'training_provider', division: '460100' });
  const employers = await loadEmployers(repo, rand);
  return { bureau, facilityA, facilityB, stations, school, employers, count: 3 + stations.size + 2 + EMPLOYERS.length };
}
