import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password';
import { creditCodeCheckChar, identityCheckChar } from '../common/check-digits';
import type { FieldCipher } from '../common/crypto/field-cipher';
import { HAINAN_DIVISIONS } from '../reference/data/divisions';
import type { TraineeState } from '../trainees/trainee.entity';

/** Every demo account's password (README lists the accounts). Never loaded in production. */
export const DEMO_PASSWORD = 'Demo#2026';

/** A small seeded PRNG (mulberry32): the same demo data on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓符吉云羊';
const GIVEN = '明华强军伟芳娜敏静磊洋勇艳杰涛超秀兰霞平刚桂英海波辉玲鹏飞宁文斌建国志红春燕';

export function syntheticName(rand: () => number): string {
  const pick = (s: string) => s[Math.floor(rand() * s.length)]!;
  return pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : '');
}

/** A synthetic 身份证号 with a valid check character (GB 11643). */
export function syntheticIdentityNumber(region: string, birth: string, seq: number, sex: 'M' | 'F'): string {
  const s = (seq % 500) * 2 + (sex === 'M' ? 1 : 0);
  const first17 = region + birth.replaceAll('-', '') + String(s).padStart(3, '0');
  return first17 + identityCheckChar(first17);
}

/** A synthetic 统一社会信用代码 with a valid check character (GB 32100). */
export function syntheticCreditCode(division: string, serial: number): string {
  const first17 = `91${division}${String(serial).padStart(8, '0')}A`;
  return first17 + creditCodeCheckChar(first17);
}

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

interface OrgRow {
  id: string;
}

async function insertOrg(
  m: EntityManager,
  o: { name: string; type: string; division: string; status?: string; creditCode?: string; contactName?: string; contactPhone?: string },
): Promise<string> {
  const [row] = await m.query<OrgRow[]>(
    `INSERT INTO organisation (name, type, division_code, status, credit_code, contact_name, contact_phone, verified_at)
     VALUES ($1, $2, $3, $4::varchar, $5, $6, $7, CASE WHEN $4::varchar = 'verified' THEN now() ELSE NULL END) RETURNING id`,
    [o.name, o.type, o.division, o.status ?? 'active', o.creditCode ?? null, o.contactName ?? null, o.contactPhone ?? null],
  );
  return row!.id;
}

async function insertUser(
  m: EntityManager,
  hash: string,
  u: { username: string; displayName: string; role: string; organisationId: string; phone?: string },
): Promise<string> {
  const [row] = await m.query<OrgRow[]>(
    `INSERT INTO app_user (username, display_name, role, organisation_id, password_hash, phone) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [u.username, u.displayName, u.role, u.organisationId, hash, u.phone ?? null],
  );
  return row!.id;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/**
 * Loads the demo world: the bureau, two facilities, a community station in each of the 18
 * divisions with people, the partner school, a training provider, ten employers and ~200
 * trainees spread over facilities and lifecycle states. All names and numbers are synthetic.
 */
export async function loadDemoData(ds: DataSource, cipher: FieldCipher, today: Date = new Date()): Promise<void> {
  const rand = seededRandom(20_260_000);
  // One hash for every demo account: they share one published password anyway.
  const hash = await hashPassword(DEMO_PASSWORD);
  await ds.transaction(async (m) => {
    const bureau = await insertOrg(m, { name: '海南省戒毒管理局', type: 'bureau', division: '460100' });
    const facilityA = await insertOrg(m, { name: '海南省第一强制隔离戒毒所', type: 'facility', division: '460100' });
    const facilityB = await insertOrg(m, { name: '海南省第二强制隔离戒毒所', type: 'facility', division: '460400' });
    const stations = new Map<string, string>();
    for (const d of HAINAN_DIVISIONS) {
      if (d.code === '460300') continue; // 三沙 has no station
      stations.set(d.code, await insertOrg(m, { name: `${d.name}社区康复指导站`, type: 'community_station', division: d.code }));
    }
    const school = await insertOrg(m, { name: '琼州职业技术学校', type: 'school', division: '460100' });
    await insertOrg(m, { name: '海南匠心职业技能培训学校', type: 'training_provider', division: '460100' });
    const employerIds: string[] = [];
    for (const [i, e] of EMPLOYERS.entries()) {
      let code = syntheticCreditCode(e.division, 100 + i);
      if (e.badCode) code = code.slice(0, 17) + (code[17] === '1' ? '2' : '1');
      employerIds.push(
        await insertOrg(m, {
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

    await insertUser(m, hash, { username: 'admin', displayName: '省局管理员', role: 'admin', organisationId: bureau });
    await insertUser(m, hash, { username: 'counsellor', displayName: '陈指导员', role: 'counsellor', organisationId: facilityA });
    await insertUser(m, hash, { username: 'counsellor2', displayName: '林指导员', role: 'counsellor', organisationId: facilityB });
    await insertUser(m, hash, { username: 'station', displayName: '符社工', role: 'counsellor', organisationId: stations.get('460100')! });
    await insertUser(m, hash, { username: 'instructor', displayName: '王老师', role: 'instructor', organisationId: school });
    await insertUser(m, hash, {
      username: 'employer',
      displayName: '椰风酒店人事部',
      role: 'employer',
      organisationId: employerIds[0]!,
      phone: '13898761000',
    });
    await insertUser(m, hash, {
      username: 'employer2',
      displayName: '湾畔餐饮招聘专员',
      role: 'employer',
      organisationId: employerIds[1]!,
      phone: '13898761001',
    });
    await insertUser(m, hash, {
      username: 'pending-employer',
      displayName: '椰林园林人事',
      role: 'employer',
      organisationId: employerIds[8]!,
    });
    for (const [code, id] of stations) {
      if (code === '460100') continue;
      await insertUser(m, hash, {
        username: `station-${code}`,
        displayName: `${syntheticName(rand)}（社工）`,
        role: 'counsellor',
        organisationId: id,
      });
    }

    const traineeUser = await insertUser(m, hash, {
      username: 'trainee',
      displayName: '学员小李',
      role: 'trainee',
      organisationId: facilityA,
    });
    const trainee2User = await insertUser(m, hash, {
      username: 'trainee2',
      displayName: '学员小吴',
      role: 'trainee',
      organisationId: facilityB,
    });

    // ~200 trainees: most inside (admitted / pre-release), the rest released to their home station.
    const divisions = HAINAN_DIVISIONS.filter((d) => d.code !== '460300').map((d) => d.code);
    const rows: unknown[][] = [];
    for (let i = 0; i < 200; i++) {
      const sex: 'M' | 'F' = rand() < 0.82 ? 'M' : 'F';
      const birth = isoDate(new Date(Date.UTC(1972 + Math.floor(rand() * 32), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28))));
      const home = divisions[Math.floor(rand() * divisions.length)]!;
      const facility = i % 2 === 0 ? facilityA : facilityB;
      const r = rand();
      let state: TraineeState;
      let admitted: Date;
      let expected: Date;
      let released: Date | null = null;
      if (i === 0 || i === 1) {
        // The demo trainee accounts: one a fortnight from release, one early in the term.
        state = i === 0 ? 'pre_release' : 'admitted';
        admitted = addDays(today, i === 0 ? -700 : -90);
        expected = addDays(today, i === 0 ? 14 : 640);
      } else if (r < 0.45) {
        state = 'admitted';
        admitted = addDays(today, -Math.floor(rand() * 600) - 30);
        expected = addDays(today, 31 + Math.floor(rand() * 500));
      } else if (r < 0.6) {
        state = 'pre_release';
        admitted = addDays(today, -700);
        expected = addDays(today, 1 + Math.floor(rand() * 29));
      } else if (r < 0.67) {
        state = 'released';
        released = addDays(today, -Math.floor(rand() * 10));
        admitted = addDays(released, -730);
        expected = released;
      } else if (r < 0.95) {
        state = 'community';
        released = addDays(today, -30 - Math.floor(rand() * 1400));
        admitted = addDays(released, -730);
        expected = released;
      } else {
        state = 'closed';
        released = addDays(today, -1100 - Math.floor(rand() * 1500));
        admitted = addDays(released, -730);
        expected = released;
      }
      const holder = state === 'community' || state === 'closed' ? stations.get(home)! : facility;
      const idNumber = syntheticIdentityNumber(home, birth, i, sex);
      const userId = i === 0 ? traineeUser : i === 1 ? trainee2User : null;
      const org = i === 0 ? facilityA : i === 1 ? facilityB : holder;
      rows.push([
        i === 0 ? '李明' : i === 1 ? '吴海' : syntheticName(rand),
        sex,
        birth,
        cipher.encrypt(idNumber),
        cipher.lookupHash(idNumber),
        idNumber.slice(-4),
        home,
        org,
        userId,
        state,
        isoDate(admitted),
        isoDate(expected),
        released ? isoDate(released) : null,
      ]);
    }
    for (const row of rows) {
      await m.query(
        `INSERT INTO trainee (full_name, sex, birth_date, identity_number_cipher, identity_number_hash, identity_number_tail,
           home_division_code, organisation_id, user_id, state, admitted_on, expected_release_on, released_on)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
        row,
      );
    }
    await m.query(`INSERT INTO audit_log (action, result, detail) VALUES ('demo.load', 'success', $1)`, [
      JSON.stringify({ organisations: 3 + stations.size + 2 + EMPLOYERS.length, trainees: rows.length }),
    ]);
  });
}
