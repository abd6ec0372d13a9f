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

const EDUCATION = ['primary', 'junior_high', 'junior_high', 'junior_high', 'senior_high', 'vocational'];
/** Skills as employers may read them: occupations of the 2022 classification, with a level. */
const SKILLS: { occupationCode: string; level: number | null }[] = [
  { occupationCode: '6-31-01-03', level: 5 }, // 电工
  { occupationCode: '6-18-02-04', level: 5 }, // 焊工
  { occupationCode: '4-03-02-01', level: 5 }, // 中式烹调师
  { occupationCode: '4-03-02-02', level: null }, // 中式面点师
  { occupationCode: '4-12-01-01', level: 4 }, // 汽车维修工
  { occupationCode: '4-01-06-01', level: null }, // 电子商务师
  { occupationCode: '4-03-01-02', level: 5 }, // 客房服务员
  { occupationCode: '4-09-10-01', level: null }, // 园林绿化工
  { occupationCode: '4-10-01-05', level: 5 }, // 养老护理员
  { occupationCode: '5-05-01-01', level: null }, // 农业技术员
  { occupationCode: '6-29-03-05', level: 4 }, // 制冷空调系统安装维修工
];
const CHECKLIST = ['situation_policy', 'anti_drug', 'mental_health', 'employment_guidance', 'handover_documents'];

/** Open orders from the verified employers (and one draft), so demand meets supply on every page. */
async function loadDemoOrders(m: EntityManager): Promise<void> {
  const orders: [string, string, string, number, number | null, string, number, number, string, string][] = [
    // employer, title, occupation, headcount, level, division, wage min, max, board, state
    ['海口椰风酒店管理有限公司', '中餐厨师（凉菜/热菜）', '4-03-02-01', 5, 5, '460100', 4000, 6000, 'both', 'open'],
    ['海口椰风酒店管理有限公司', '客房服务员', '4-03-01-01', 6, null, '460100', 3200, 4200, 'both', 'open'],
    ['三亚湾畔餐饮有限公司', '中式烹调师', '4-03-02-01', 3, 5, '460200', 4500, 6500, 'board', 'open'],
    ['儋州汇通物流有限公司', '仓库电工', '6-31-01-03', 2, 4, '460400', 5000, 7000, 'lodging', 'open'],
    ['澄迈福山物业服务有限公司', '物业维修电工', '6-31-01-03', 4, 5, '469023', 4000, 5500, 'none', 'open'],
    ['文昌星港汽车维修有限公司', '汽车维修学徒', '4-12-01-01', 3, null, '469005', 3500, 5000, 'lodging', 'draft'],
  ];
  for (const [employer, title, code, headcount, level, division, wmin, wmax, board, state] of orders) {
    await m.query(
      `INSERT INTO job_order (employer_id, title, occupation_code, headcount, required_level, division_code, wage_min, wage_max, board_and_lodging,
         start_date, deadline, state, opened_at, description)
       SELECT o.id, $2, $3::varchar, $4, $5, $6, $7, $8, $9, current_date + 75, current_date + 45, $10::varchar,
              CASE WHEN $10::varchar = 'open' THEN now() END, '包吃住情况以合同为准。'
         FROM organisation o WHERE o.name = $1 AND EXISTS (SELECT 1 FROM occupation WHERE code = $3::varchar)`,
      [employer, title, code, headcount, level, division, wmin, wmax, board, state],
    );
  }
}

/**
 * Employer A's cook order has candidates at every step, so each side has something to act on: the
 * demo `trainee` is recommended and has to decide; others have accepted (named to the employer),
 * are interviewing, or are only recommended (pseudonymous).
 */
async function loadDemoPlacements(m: EntityManager): Promise<void> {
  const [order] = await m.query<{ id: string; employer_id: string }[]>(
    `SELECT o.id, o.employer_id FROM job_order o JOIN organisation e ON e.id = o.employer_id
      WHERE e.name = '海口椰风酒店管理有限公司' AND o.state = 'open' ORDER BY o.title LIMIT 1`,
  );
  if (!order) return;
  const [{ id: counsellor, organisation_id: facility }] = await m.query<[{ id: string; organisation_id: string }]>(
    `SELECT id, organisation_id FROM app_user WHERE username = 'counsellor'`,
  );
  const trainees = await m.query<{ id: string; user_id: string | null }[]>(
    `SELECT t.id, t.user_id FROM trainee t LEFT JOIN app_user u ON u.id = t.user_id
      WHERE t.organisation_id = $1 AND t.job_matching_consent AND t.state IN ('pre_release', 'admitted')
      ORDER BY (u.username = 'trainee') IS NOT TRUE, t.full_name LIMIT 4`,
    [facility],
  );
  const steps: ('recommended' | 'accepted_by_trainee' | 'interview')[] = ['recommended', 'accepted_by_trainee', 'interview', 'recommended'];
  for (const [i, t] of trainees.entries()) {
    const state = steps[i]!;
    const code = `CDEMQ${'ABCD'[i]}${i + 2}`;
    const [{ id }] = await m.query<[{ id: string }]>(
      `INSERT INTO placement (order_id, trainee_id, state, candidate_code, source, recommended_by, note, reasons, interview_at, interview_place)
       VALUES ($1, $2, $3, $4, 'counsellor', $5, '学习认真，已完成中式烹调师培训的理论部分。', '{related_course,good_attendance,can_start_on_time}',
               CASE WHEN $3::varchar = 'interview' THEN now() + interval '3 days' END,
               CASE WHEN $3::varchar = 'interview' THEN '酒店人力资源部（海口市龙华区）' END) RETURNING id`,
      [order.id, t.id, state, code, counsellor],
    );
    await m.query(
      `INSERT INTO placement_event (placement_id, from_state, to_state, actor_id, actor_role) VALUES ($1, NULL, 'recommended', $2, 'counsellor')`,
      [id, counsellor],
    );
    if (state !== 'recommended') {
      await m.query(
        `INSERT INTO consent (trainee_id, purpose, employer_id, text_version, granted_by, granted_assisted, paper_form_ref)
         VALUES ($1, 'share_with_employer', $2, 1, $3, $4, $5)`,
        [t.id, order.employer_id, t.user_id ?? counsellor, t.user_id === null, t.user_id === null ? `纸质同意书-P${i}` : null],
      );
      await m.query(
        `INSERT INTO placement_event (placement_id, from_state, to_state, actor_id, actor_role, assisted)
         VALUES ($1, 'recommended', 'accepted_by_trainee', $2, $3, $4)`,
        [id, t.user_id ?? counsellor, t.user_id ? 'trainee' : 'counsellor', t.user_id === null],
      );
    }
  }
}

/**
 * An order-style fair in two weeks inside facility A (employers are told the city only): employer A's
 * booth is approved with its two orders and a morning of interview slots, employer B has applied, and
 * a few of facility A's trainees (the demo `trainee` among them) are registered.
 */
async function loadDemoFair(m: EntityManager): Promise<void> {
  const [{ id: admin }] = await m.query<[{ id: string }]>(`SELECT id FROM app_user WHERE username = 'admin'`);
  const [{ organisation_id: facility }] = await m.query<[{ organisation_id: string }]>(
    `SELECT organisation_id FROM app_user WHERE username = 'counsellor'`,
  );
  const [{ id: counsellor }] = await m.query<[{ id: string }]>(`SELECT id FROM app_user WHERE username = 'counsellor'`);
  const [{ id: fair }] = await m.query<[{ id: string }]>(
    `INSERT INTO job_fair (title, fair_date, starts_at, ends_at, venue_organisation_id, booth_capacity, booths_taken, registration_deadline,
        description, state, created_by)
     VALUES ('冬季订单式就业推介会', current_date + 14, '09:00', '16:00', $1, 12, 1, current_date + 10,
        '餐饮、酒店、物业、物流企业带订单进场，现场面试、签订意向书。', 'published', $2) RETURNING id`,
    [facility, admin],
  );
  const booth = async (employer: string, state: string) =>
    (
      await m.query<{ id: string }[]>(
        `INSERT INTO fair_booth (fair_id, employer_id, state, note, decided_by, decided_at)
         SELECT $1, o.id, $3::varchar, '需要一张桌子、两把椅子', CASE WHEN $3::varchar = 'approved' THEN $4::uuid END,
                CASE WHEN $3::varchar = 'approved' THEN now() END
           FROM organisation o WHERE o.name = $2 RETURNING id`,
        [fair, employer, state, admin],
      )
    )[0]?.id;
  for (const [employer, state] of [
    ['海口椰风酒店管理有限公司', 'approved'],
    ['三亚湾畔餐饮有限公司', 'applied'],
  ] as const) {
    const id = await booth(employer, state);
    if (!id) continue;
    await m.query(
      `INSERT INTO fair_booth_order (booth_id, order_id)
       SELECT $1, o.id FROM job_order o JOIN organisation e ON e.id = o.employer_id WHERE e.name = $2 AND o.state = 'open'`,
      [id, employer],
    );
    if (state === 'approved')
      await m.query(
        `INSERT INTO fair_slot (booth_id, starts_at, ends_at, state)
         SELECT $1, ((current_date + 14) + time '10:00' + (g * interval '20 minutes')) AT TIME ZONE 'Asia/Shanghai',
                ((current_date + 14) + time '10:20' + (g * interval '20 minutes')) AT TIME ZONE 'Asia/Shanghai', 'open'
           FROM generate_series(0, 8) g`,
        [id],
      );
  }
  const trainees = await m.query<{ id: string }[]>(
    `SELECT t.id FROM trainee t LEFT JOIN app_user u ON u.id = t.user_id
      WHERE t.organisation_id = $1 AND t.job_matching_consent AND t.state IN ('pre_release', 'admitted')
      ORDER BY (u.username = 'trainee') IS NOT TRUE, t.full_name LIMIT 5`,
    [facility],
  );
  for (const [i, t] of trainees.entries()) {
    await m.query(`INSERT INTO fair_registration (fair_id, trainee_id, code, candidate_code, registered_by) VALUES ($1, $2, $3, $4, $5)`, [
      fair,
      t.id,
      `DEMQ${'ABCDE'[i]}${i + 2}K7`,
      `FDEMQ${'ABCDE'[i]}${i + 2}`,
      counsellor,
    ]);
  }
}

/**
 * The follow-up schedule of every completed handover, with the visits already due mostly done:
 * employment, income, needs and (apart) abstinence, as a station would have recorded them; a few
 * unreachable, a few still waiting (overdue), so the field worker's list and the dashboards show
 * something real.
 */
async function loadDemoFollowUps(m: EntityManager): Promise<void> {
  await m.query(
    `INSERT INTO follow_up_visit (trainee_id, station_id, handover_id, months_after, due_on, assigned_user_id)
     SELECT h.trainee_id, h.to_organisation_id, h.id, mo, (h.handed_over_on + make_interval(months => mo))::date,
            (SELECT u.id FROM app_user u WHERE u.organisation_id = h.to_organisation_id AND u.role = 'counsellor' ORDER BY u.username LIMIT 1)
       FROM handover h CROSS JOIN unnest(ARRAY[1, 3, 6, 12, 24, 36]) mo
      WHERE h.state = 'completed' AND h.handed_over_on IS NOT NULL
     ON CONFLICT DO NOTHING`,
  );
  // Visits due more than 40 days ago have been made (hash of the id decides the outcome, so the demo is
  // the same on every machine); the recent ones, and each station's three latest, are the field
  // workers' list, some of them overdue.
  await m.query(
    `UPDATE follow_up_visit v SET
        state = CASE WHEN abs(hashtext(v.id::text)) % 20 < 16 THEN 'done' WHEN abs(hashtext(v.id::text)) % 20 < 18 THEN 'unreachable' ELSE 'missed' END,
        visited_on = v.due_on + (abs(hashtext(v.id::text)) % 10),
        contact_method = (ARRAY['home_visit', 'phone', 'at_station', 'workplace'])[1 + abs(hashtext(v.id::text || 'c')) % 4],
        recorded_by = v.assigned_user_id, recorded_at = (v.due_on + 12)::timestamptz
      WHERE v.due_on < current_date - 40 AND v.id NOT IN (
        SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY station_id ORDER BY due_on DESC) AS rn
                          FROM follow_up_visit WHERE due_on <= current_date) x WHERE rn <= 3)`,
  );
  await m.query(
    `UPDATE follow_up_visit v SET
        employment_status = (ARRAY['employed', 'employed', 'employed', 'self_employed', 'studying', 'unemployed'])[1 + abs(hashtext(v.id::text || 'e')) % 6],
        income_band = (ARRAY['2000_3999', '4000_5999', '4000_5999', '6000_plus', 'below_2000'])[1 + abs(hashtext(v.id::text || 'i')) % 5],
        employment_confirmed = abs(hashtext(v.id::text || 'k')) % 3 = 0,
        support_needs = CASE WHEN abs(hashtext(v.id::text || 's')) % 4 = 0 THEN '希望帮助办理社保' END
      WHERE v.state = 'done'`,
  );
  await m.query(`UPDATE follow_up_visit SET contact_method = NULL WHERE state IN ('missed', 'unreachable')`);
  await m.query(
    `INSERT INTO follow_up_abstinence (visit_id, status, basis)
     SELECT v.id, CASE WHEN abs(hashtext(v.id::text || 'a')) % 100 < 91 THEN 'abstinent' ELSE 'relapsed' END,
            CASE WHEN abs(hashtext(v.id::text || 'b')) % 3 = 0 THEN 'test_verified' ELSE 'self_reported' END
       FROM follow_up_visit v WHERE v.state = 'done' AND v.months_after >= 12`,
  );
}

/**
 * What earlier years produced, so the outcome dashboards have a history to show: last year's order
 * (closed) hired a dozen of the people released since, some of whom left after a few months, and last
 * spring's fair registered, checked in and interviewed people who signed intents there.
 */
async function loadDemoPastOutcomes(m: EntityManager): Promise<void> {
  const [{ id: admin }] = await m.query<[{ id: string }]>(`SELECT id FROM app_user WHERE username = 'admin'`);
  const [{ id: counsellor, organisation_id: facility }] = await m.query<[{ id: string; organisation_id: string }]>(
    `SELECT id, organisation_id FROM app_user WHERE username = 'counsellor'`,
  );
  const [order] = await m.query<{ id: string }[]>(
    `INSERT INTO job_order (employer_id, title, occupation_code, headcount, required_level, division_code, wage_min, wage_max, board_and_lodging,
       start_date, deadline, state, opened_at, closed_at, description)
     SELECT o.id, '中餐厨师（去年订单）', '4-03-02-01', 20, 5, '460100', 3800, 5500, 'both', current_date - 330, current_date - 360, 'closed',
            now() - interval '400 days', now() - interval '300 days', '去年的订单，已结束。'
       FROM organisation o WHERE o.name = '海口椰风酒店管理有限公司' AND EXISTS (SELECT 1 FROM occupation WHERE code = '4-03-02-01')
     RETURNING id`,
  );
  if (!order) return;
  // Released at least two months ago: hired 3–8 weeks after release; one in four left after four months.
  const hires = await m.query<{ id: string; trainee_id: string }[]>(
    `INSERT INTO placement (order_id, trainee_id, state, candidate_code, source, recommended_by, hired_on, ended_on, end_reason)
     SELECT $1, t.id, 'hired', 'CPAST' || lpad(row_number() OVER (ORDER BY t.full_name)::text, 3, '0'), 'counsellor', $2,
            t.released_on + 20 + abs(hashtext(t.id::text)) % 40,
            CASE WHEN abs(hashtext(t.id::text || 'e')) % 4 = 0 AND t.released_on + 180 < current_date THEN t.released_on + 140 END,
            CASE WHEN abs(hashtext(t.id::text || 'e')) % 4 = 0 AND t.released_on + 180 < current_date THEN '家庭原因离职' END
       FROM trainee t
      WHERE t.state = 'community' AND t.released_on < current_date - 60 AND abs(hashtext(t.id::text || 'h')) % 20 < 7
      ORDER BY t.full_name LIMIT 16
     RETURNING id, trainee_id`,
    [order.id, counsellor],
  );
  await m.query(`UPDATE job_order SET hired_count = $2 WHERE id = $1`, [order.id, hires.length]);
  for (const h of hires) {
    await m.query(
      `INSERT INTO placement_event (placement_id, from_state, to_state, actor_id, actor_role, at)
       SELECT $1, 'offer', 'hired', $2, 'counsellor', p.hired_on::timestamptz FROM placement p WHERE p.id = $1`,
      [h.id, counsellor],
    );
  }
  const [{ id: fair }] = await m.query<[{ id: string }]>(
    `INSERT INTO job_fair (title, fair_date, starts_at, ends_at, venue_organisation_id, booth_capacity, booths_taken, description, state, created_by)
     VALUES ('春季订单式就业推介会', current_date - 240, '09:00', '16:00', $1, 12, 1, '餐饮、酒店企业带订单进场。', 'closed', $2) RETURNING id`,
    [facility, admin],
  );
  const registered = await m.query<{ id: string; trainee_id: string }[]>(
    `INSERT INTO fair_registration (fair_id, trainee_id, code, candidate_code, registered_by, checked_in_at, checked_in_by)
     SELECT $1, x.id, 'PAST' || lpad(x.n::text, 4, '0'), 'FPAST' || lpad(x.n::text, 3, '0'), $2,
            CASE WHEN x.n % 4 <> 0 THEN (current_date - 240) + time '09:30' END, CASE WHEN x.n % 4 <> 0 THEN $2::uuid END
       FROM (SELECT t.id, row_number() OVER (ORDER BY t.full_name)::int AS n FROM trainee t
              WHERE t.state = 'community' AND t.released_on < current_date - 240
              ORDER BY EXISTS (SELECT 1 FROM placement p WHERE p.trainee_id = t.id AND p.order_id = $3) DESC, t.full_name LIMIT 12) x
     RETURNING id, trainee_id`,
    [fair, counsellor, order.id],
  );
  const [booth] = await m.query<{ id: string }[]>(
    `INSERT INTO fair_booth (fair_id, employer_id, state, decided_by, decided_at)
     SELECT $1, o.id, 'approved', $2, now() - interval '260 days' FROM organisation o WHERE o.name = '海口椰风酒店管理有限公司' RETURNING id`,
    [fair, admin],
  );
  if (!booth) return;
  await m.query(`INSERT INTO fair_booth_order (booth_id, order_id) VALUES ($1, $2)`, [booth.id, order.id]);
  // Half of those who came had an interview slot; a third of those signed an intent, which a hire followed where one exists.
  for (const [i, r] of registered.entries()) {
    if (i % 4 === 3 || i % 2 === 1) continue;
    await m.query(
      `INSERT INTO fair_slot (booth_id, starts_at, ends_at, state, registration_id, trainee_id)
       VALUES ($1, ((current_date - 240) + time '10:00' + $2 * interval '20 minutes') AT TIME ZONE 'Asia/Shanghai',
               ((current_date - 240) + time '10:20' + $2 * interval '20 minutes') AT TIME ZONE 'Asia/Shanghai', 'booked', $3, $4)`,
      [booth.id, i, r.id, r.trainee_id],
    );
    if (i % 3 !== 0) continue;
    await m.query(
      `INSERT INTO fair_intent (fair_id, registration_id, order_id, state, created_by, placement_id)
       VALUES ($1, $2, $3, 'confirmed', $4, (SELECT p.id FROM placement p WHERE p.order_id = $3 AND p.trainee_id = $5))`,
      [fair, r.id, order.id, counsellor, r.trainee_id],
    );
  }
}

/**
 * A 中专 programme with a class in facility A (the `instructor` heads it, the demo trainee studies in
 * it), a skills course with a session, certificates for many of those already released, and one
 * diploma — so every learning page has something real to show.
 */
async function loadDemoLearning(m: EntityManager, ids: string[], rows: unknown[][]): Promise<void> {
  const one = async <T>(sql: string, params: unknown[] = []) => (await m.query<T[]>(sql, params))[0]!;
  const { id: school } = await one<{ id: string }>(`SELECT id FROM organisation WHERE type = 'school' LIMIT 1`);
  const { id: provider } = await one<{ id: string }>(`SELECT id FROM organisation WHERE type = 'training_provider' LIMIT 1`);
  const { id: instructor } = await one<{ id: string }>(`SELECT id FROM app_user WHERE username = 'instructor'`);
  const { id: admin } = await one<{ id: string }>(`SELECT id FROM app_user WHERE username = 'admin'`);
  const { organisation_id: facilityA } = await one<{ organisation_id: string }>(
    `SELECT organisation_id FROM app_user WHERE username = 'counsellor'`,
  );
  const { id: programme } = await one<{ id: string }>(
    `INSERT INTO programme (name, school_id, required_credits, description) VALUES ('中餐烹饪', $1, 40, '中等职业教育中餐烹饪专业（金不换班）') RETURNING id`,
    [school],
  );
  const units: [string, number][] = [
    ['烹饪原料知识', 6],
    ['中式烹调技艺', 10],
    ['中式面点技艺', 8],
    ['食品安全与营养', 6],
    ['厨房管理', 6],
    ['职业道德与法律', 4],
    ['语文', 4],
  ];
  const unitIds: string[] = [];
  for (const [i, [name, credits]] of units.entries()) {
    unitIds.push(
      (
        await one<{ id: string }>(
          `INSERT INTO programme_unit (programme_id, name, credits, sort_order) VALUES ($1, $2, $3, $4) RETURNING id`,
          [programme, name, credits, i],
        )
      ).id,
    );
  }
  const year = new Date().getFullYear();
  const { id: klass } = await one<{ id: string }>(
    `INSERT INTO diploma_class (programme_id, name, cohort_year, venue_organisation_id, mode, capacity, seats_taken, head_teacher_id, starts_on, ends_on)
     VALUES ($1, $2, $3, $4, 'in_facility', 30, 0, $5, $6, $7) RETURNING id`,
    [programme, `${year}级中餐烹饪1班`, year, facilityA, instructor, `${year}-03-01`, `${year + 1}-12-31`],
  );
  await one(
    `INSERT INTO diploma_class (programme_id, name, cohort_year, mode, capacity, head_teacher_id, starts_on, ends_on)
     VALUES ($1, $2, $3, 'distance', 100, $4, $5, $6) RETURNING id`,
    [programme, `${year}级中餐烹饪远程班`, year, instructor, `${year}-03-01`, `${year + 1}-12-31`],
  );
  // The demo trainee (李明) and a dozen classmates study in the class; 李明 has passed four units.
  const classmates = ids.filter((_, i) => i === 0 || ((rows[i]![7] as string) === facilityA && rows[i]![9] === 'admitted')).slice(0, 13);
  for (const tid of classmates) {
    await m.query(
      `INSERT INTO class_enrolment (class_id, trainee_id, state, applied_by, decided_by, decided_at) VALUES ($1, $2, 'active', $3, $3, now())`,
      [klass, tid, admin],
    );
  }
  await m.query(`UPDATE diploma_class SET seats_taken = $2 WHERE id = $1`, [klass, classmates.length]);
  for (const [k, unit] of unitIds.slice(0, 4).entries()) {
    await m.query(`INSERT INTO unit_grade (trainee_id, unit_id, score, recorded_by) VALUES ($1, $2, $3, $4)`, [
      ids[0],
      unit,
      [86, 78, 91, 72][k],
      instructor,
    ]);
  }
  // Skills: 中式烹调师 五级 with a session this month, and certificates for released trainees.
  const courseDefs: [string, string, number][] = [
    ['中式烹调师（五级）', '4-03-02-01', 5],
    ['电工（四级）', '6-31-01-03', 4],
    ['保育师（五级）', '4-10-01-03', 5],
  ];
  let firstSession = '';
  for (const [title, code, level] of courseDefs) {
    const exists = await m.query<{ code: string }[]>(`SELECT code FROM occupation WHERE code = $1`, [code]);
    if (!exists.length) continue;
    const { id: course } = await one<{ id: string }>(
      `INSERT INTO course (title, occupation_code, level, hours, provider_id, syllabus) VALUES ($1, $2, $3, 120, $4, '理论60学时，实操60学时。') RETURNING id`,
      [title, code, level, provider],
    );
    const { id: session } = await one<{ id: string }>(
      `INSERT INTO course_session (course_id, starts_on, ends_on, venue_organisation_id, capacity, instructor_id)
       VALUES ($1, current_date - 10, current_date + 50, $2, 25, $3) RETURNING id`,
      [course, facilityA, instructor],
    );
    firstSession ||= session;
  }
  if (firstSession) {
    await m.query(`INSERT INTO session_enrolment (session_id, trainee_id, state, created_by) VALUES ($1, $2, 'enrolled', $3)`, [
      firstSession,
      ids[0],
      admin,
    ]);
    await m.query(`UPDATE course_session SET seats_taken = 1 WHERE id = $1`, [firstSession]);
  }
  let n = 0;
  for (const [i, tid] of ids.entries()) {
    const state = rows[i]![9] as string;
    if ((state === 'community' || state === 'released') && i % 3 !== 0) {
      const [, code, level] = courseDefs[i % courseDefs.length]!;
      n++;
      await m.query(
        `INSERT INTO certificate (trainee_id, occupation_code, level, number, issuer, issued_on)
         SELECT $1, $2::varchar, $3, $4, '海南匠心职业技能培训学校', current_date - 400 WHERE EXISTS (SELECT 1 FROM occupation WHERE code = $2::varchar)`,
        [tid, code, level, `JBH-C-DEMO-${String(n).padStart(5, '0')}`],
      );
    }
  }
  // One graduate of an earlier cohort, with a verifiable diploma.
  const graduateIndex = rows.findIndex((r) => r[9] === 'community');
  if (graduateIndex >= 0) {
    const tid = ids[graduateIndex]!;
    const { id: old } = await one<{ id: string }>(
      `INSERT INTO diploma_class (programme_id, name, cohort_year, venue_organisation_id, mode, capacity, head_teacher_id, starts_on, ends_on)
       VALUES ($1, $2, $3, $4, 'in_facility', 30, $5, $6, $7) RETURNING id`,
      [programme, `${year - 3}级中餐烹饪1班`, year - 3, facilityA, instructor, `${year - 3}-03-01`, `${year - 2}-12-31`],
    );
    const { id: enrolment } = await one<{ id: string }>(
      `INSERT INTO class_enrolment (class_id, trainee_id, state, applied_by) VALUES ($1, $2, 'graduated', $3) RETURNING id`,
      [old, tid, admin],
    );
    for (const unit of unitIds)
      await m.query(`INSERT INTO unit_grade (trainee_id, unit_id, score, recorded_by) VALUES ($1, $2, 80, $3)`, [tid, unit, instructor]);
    await m.query(
      `INSERT INTO diploma (trainee_id, programme_id, enrolment_id, number, verification_code, graduated_on, credits_earned, issued_by)
       VALUES ($1, $2, $3, $4, 'DEMO7K2M9PQX', $5, 44, $6)`,
      [tid, programme, enrolment, `ZZ-${year - 2}-${String(429).padStart(5, '0')}`, `${year - 2}-12-31`, admin],
    );
  }
}

/**
 * The life around the records: history, consents, pre-release checklists (some behind) and
 * handovers — completed for everyone already released, open for some about to be, one overdue.
 */
async function loadDemoLifecycle(
  m: EntityManager,
  rand: () => number,
  ids: string[],
  rows: unknown[][],
  facilities: string[],
): Promise<void> {
  const [{ id: counsellorA }] = await m.query<[{ id: string }]>(`SELECT id FROM app_user WHERE username = 'counsellor'`);
  for (const [i, id] of ids.entries()) {
    const row = rows[i]!;
    const state = row[9] as TraineeState;
    const admitted = row[10] as string;
    const expected = row[11] as string;
    const released = row[12] as string | null;
    const holder = row[7] as string;
    const userId = row[8] as string | null;
    const facility = facilities[i]!;
    const steps: [string | null, string, string, string][] = [[null, 'admitted', `${admitted}T09:00:00+08:00`, '入所建档 · admitted']];
    if (state !== 'admitted') {
      steps.push([
        'admitted',
        'pre_release',
        `${isoDate(addDays(new Date(expected), -30))}T02:00:00+08:00`,
        '预计出所前30天自动进入出所前准备 · opened automatically',
      ]);
    }
    if (released) steps.push(['pre_release', 'released', `${released}T10:00:00+08:00`, '出所衔接完成 · handover completed']);
    if (state === 'community' || state === 'closed')
      steps.push([
        'released',
        'community',
        `${isoDate(addDays(new Date(released!), 3))}T10:00:00+08:00`,
        '社区康复 · community rehabilitation',
      ]);
    if (state === 'closed')
      steps.push([
        'community',
        'closed',
        `${isoDate(addDays(new Date(released!), 1095))}T10:00:00+08:00`,
        '社区康复期满 · period completed',
      ]);
    for (const [from, to, at, reason] of steps) {
      await m.query(`INSERT INTO trainee_state_change (trainee_id, from_state, to_state, changed_at, reason) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        from,
        to,
        at,
        reason,
      ]);
    }
    // Consent: the demo trainee accounts start with job matching granted (trainee) or nothing (trainee2).
    const granted = i === 0 || (i > 1 && rand() < 0.6);
    if (granted && state !== 'closed') {
      await m.query(
        `INSERT INTO consent (trainee_id, purpose, text_version, granted_by, granted_assisted, paper_form_ref, granted_at)
         VALUES ($1, 'job_matching', 1, $2, $3, $4, $5)`,
        [id, userId ?? counsellorA, userId === null, userId === null ? `纸质同意书-${1000 + i}` : null, `${admitted}T15:00:00+08:00`],
      );
    }
    if (released && state !== 'closed' && rand() < 0.8) {
      await m.query(
        `INSERT INTO consent (trainee_id, purpose, text_version, granted_by, granted_assisted, paper_form_ref, granted_at)
         VALUES ($1, 'follow_up_contact', 1, $2, true, $3, $4)`,
        [id, counsellorA, `纸质同意书-F${1000 + i}`, `${released}T09:00:00+08:00`],
      );
    }
    if (state === 'pre_release') {
      const done = i === 0 ? 2 : Math.floor(rand() * 6);
      for (const [k, key] of CHECKLIST.entries()) {
        await m.query(`INSERT INTO checklist_item (trainee_id, item_key, done_on, done_by, note) VALUES ($1, $2, $3, $4, $5)`, [
          id,
          key,
          k < done ? isoDate(addDays(new Date(), -(k + 1) * 3)) : null,
          k < done ? counsellorA : null,
          k < done ? '已完成集中授课' : null,
        ]);
      }
    }
    if (released) {
      await m.query(
        `INSERT INTO handover (trainee_id, from_organisation_id, to_organisation_id, state, release_date, created_by, created_at, sent_at,
           accepted_at, completed_at, escort_name, receiving_officer, documents, handover_place, handed_over_on)
         VALUES ($1, $2, $3, 'completed', $4, $5, $6, $6, $6, $7, '陈指导员', '社区民警', $8, '社区康复指导站', $4)`,
        [
          id,
          facility,
          holder,
          released,
          counsellorA,
          `${isoDate(addDays(new Date(released), -7))}T10:00:00+08:00`,
          `${released}T11:00:00+08:00`,
          ['解除强制隔离戒毒证明书', '诊断评估结果', '出所前教育记录'],
        ],
      );
    }
  }
  // Open handovers for a few trainees about to leave, and one overdue (release passed, not accepted).
  const soon = await m.query<{ id: string; organisation_id: string; home_division_code: string; expected_release_on: string }[]>(
    `SELECT id, organisation_id, home_division_code, expected_release_on::text FROM trainee
      WHERE state = 'pre_release' AND user_id IS NULL ORDER BY expected_release_on, id LIMIT 6`,
  );
  for (const [k, t] of soon.entries()) {
    const [station] = await m.query<{ id: string }[]>(
      `SELECT id FROM organisation WHERE type = 'community_station' AND division_code = $1`,
      [t.home_division_code],
    );
    if (!station) continue;
    const state = ['sent', 'accepted', 'prepared', 'sent', 'accepted', 'sent'][k]!;
    const overdue = k === 0;
    const releaseDate = overdue ? isoDate(addDays(new Date(), -3)) : t.expected_release_on;
    if (overdue) await m.query(`UPDATE trainee SET expected_release_on = $2 WHERE id = $1`, [t.id, releaseDate]);
    await m.query(
      `INSERT INTO handover (trainee_id, from_organisation_id, to_organisation_id, state, release_date, created_by, sent_at, accepted_at)
       VALUES ($1, $2, $3, $4::varchar, $5, $6, CASE WHEN $4::varchar <> 'prepared' THEN now() END, CASE WHEN $4::varchar = 'accepted' THEN now() END)`,
      [t.id, t.organisation_id, station.id, state, releaseDate, counsellorA],
    );
  }
}
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
    // 三权分立: the security and audit administrators are separate accounts of the bureau.
    await insertUser(m, hash, { username: 'security', displayName: '省局安全管理员', role: 'security_admin', organisationId: bureau });
    await insertUser(m, hash, { username: 'auditor', displayName: '省局审计管理员', role: 'audit_admin', organisationId: bureau });
    await insertUser(m, hash, { username: 'counsellor', displayName: '陈指导员', role: 'counsellor', organisationId: facilityA });
    // counsellor2 deliberately lacks the unmask permission, to show the difference.
    await m.query(`UPDATE app_user SET permissions = '{identity.unmask}' WHERE username = 'counsellor'`);
    await insertUser(m, hash, { username: 'counsellor2', displayName: '林指导员', role: 'counsellor', organisationId: facilityB });
    await insertUser(m, hash, { username: 'station', displayName: '符社工', role: 'counsellor', organisationId: stations.get('460100')! });
    await m.query(`UPDATE app_user SET permissions = '{identity.unmask}' WHERE username = 'station'`);
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
    const facilities: string[] = [];
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
      // After a completed handover the home station holds the trainee.
      const holder = state === 'admitted' || state === 'pre_release' ? facility : stations.get(home)!;
      const idNumber = syntheticIdentityNumber(home, birth, i, sex);
      const userId = i === 0 ? traineeUser : i === 1 ? trainee2User : null;
      const org = i === 0 ? facilityA : i === 1 ? facilityB : holder;
      facilities.push(facility);
      rows.push([
        i === 0 ? '李明' : i === 1 ? '吴海' : syntheticName(rand),
        sex,
        Number(birth.slice(0, 4)), // the birth year only: the day stays inside the encrypted number
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
    const ids: string[] = [];
    for (const row of rows) {
      const [t] = await m.query<{ id: string }[]>(
        `INSERT INTO trainee (full_name, sex, birth_year, identity_number_cipher, identity_number_hash, identity_number_tail,
           home_division_code, organisation_id, user_id, state, admitted_on, expected_release_on, released_on,
           phone, education_level, skills, preferred_divisions, wage_expectation, willing_to_live_on_site)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19) RETURNING id`,
        [
          ...row,
          `139${String(10000000 + Math.floor(rand() * 89999999))}`,
          EDUCATION[Math.floor(rand() * EDUCATION.length)],
          JSON.stringify(SKILLS.filter(() => rand() < 0.15).slice(0, 3)),
          [row[6] as string],
          3000 + Math.floor(rand() * 8) * 500,
          rand() < 0.6,
        ],
      );
      ids.push(t!.id);
    }
    await loadDemoLifecycle(m, rand, ids, rows, facilities);
    await loadDemoLearning(m, ids, rows);
    await loadDemoOrders(m);
    await loadDemoPlacements(m);
    await loadDemoFair(m);
    await loadDemoFollowUps(m);
    await loadDemoPastOutcomes(m);
    await m.query(`INSERT INTO audit_log (action, result, detail) VALUES ('demo.load', 'success', $1)`, [
      JSON.stringify({ organisations: 3 + stations.size + 2 + EMPLOYERS.length, trainees: rows.length }),
    ]);
  });
}
