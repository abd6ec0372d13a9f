import type { FieldCipher } from '../common/crypto/field-cipher';
import { HAINAN_DIVISIONS } from '../reference/data/divisions';
import type { TraineeState } from '../trainees/trainee.entity';
import type { DemoRepository } from './demo.repository';
import type { DemoTraineeAccounts } from './accounts';
import type { DemoOrganisations } from './organisations';
import { addDays, isoDate, syntheticIdentityNumber, syntheticName } from './synthetic';

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

/** One demo trainee as the later steps (lifecycle, learning) need it. */
export interface DemoTrainee {
  id: string;
  state: TraineeState;
  admittedOn: string;
  expectedReleaseOn: string;
  releasedOn: string | null;
  /** Who holds the file: the facility while inside, the home station after release. */
  organisationId: string;
  userId: string | null;
  /** The facility the trainee was (or is) in. */
  facility: string;
}

interface Term {
  state: TraineeState;
  admitted: Date;
  expected: Date;
  released: Date | null;
}

/** Where in the lifecycle trainee `i` is: most inside (admitted / pre-release), the rest released. */
function pickTerm(i: number, r: number, rand: () => number, today: Date): Term {
  if (i === 0 || i === 1) {
    // The demo trainee accounts: one a fortnight from release, one early in the term.
    return {
      state: i === 0 ? 'pre_release' : 'admitted',
      admitted: addDays(today, i === 0 ? -700 : -90),
      expected: addDays(today, i === 0 ? 14 : 640),
      released: null,
    };
  }
  if (r < 0.45) {
    const admitted = addDays(today, -Math.floor(rand() * 600) - 30);
    return { state: 'admitted', admitted, expected: addDays(today, 31 + Math.floor(rand() * 500)), released: null };
  }
  if (r < 0.6)
    return { state: 'pre_release', admitted: addDays(today, -700), expected: addDays(today, 1 + Math.floor(rand() * 29)), released: null };
  let state: TraineeState;
  let released: Date;
  if (r < 0.67) {
    state = 'released';
    released = addDays(today, -Math.floor(rand() * 10));
  } else if (r < 0.95) {
    state = 'community';
    released = addDays(today, -30 - Math.floor(rand() * 1400));
  } else {
    state = 'closed';
    released = addDays(today, -1100 - Math.floor(rand() * 1500));
  }
  return { state, admitted: addDays(released, -730), expected: released, released };
}

type Drawn = Omit<DemoTrainee, 'id'> & { fullName: string; sex: 'M' | 'F'; birth: string; home: string };

function drawTrainee(
  i: number,
  rand: () => number,
  today: Date,
  o: DemoOrganisations,
  accounts: DemoTraineeAccounts,
  divisions: string[],
): Drawn {
  const sex: 'M' | 'F' = rand() < 0.82 ? 'M' : 'F';
  const birth = isoDate(new Date(Date.UTC(1972 + Math.floor(rand() * 32), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28))));
  const home = divisions[Math.floor(rand() * divisions.length)]!;
  const facility = i % 2 === 0 ? o.facilityA : o.facilityB;
  const { state, admitted, expected, released } = pickTerm(i, rand(), rand, today);
  // After a completed handover the home station holds the trainee.
  const holder = state === 'admitted' || state === 'pre_release' ? facility : o.stations.get(home)!;
  return {
    fullName: i === 0 ? '李明' : i === 1 ? '吴海' : syntheticName(rand),
    sex,
    birth,
    home,
    state,
    admittedOn: isoDate(admitted),
    expectedReleaseOn: isoDate(expected),
    releasedOn: released ? isoDate(released) : null,
    organisationId: i === 0 ? o.facilityA : i === 1 ? o.facilityB : holder,
    userId: i === 0 ? accounts.trainee : i === 1 ? accounts.trainee2 : null,
    facility,
  };
}

async function insertTrainee(repo: DemoRepository, cipher: FieldCipher, t: Drawn, i: number, rand: () => number): Promise<string> {
  const idNumber = syntheticIdentityNumber(t.home, t.birth, i, t.sex);
  return repo.insertTrainee({
    fullName: t.fullName,
    sex: t.sex,
    birthYear: Number(t.birth.slice(0, 4)), // the birth year only: the day stays inside the encrypted number
    identityNumberCipher: cipher.encrypt(idNumber),
    identityNumberHash: cipher.lookupHash(idNumber),
    identityNumberTail: idNumber.slice(-4),
    homeDivisionCode: t.home,
    organisationId: t.organisationId,
    userId: t.userId,
    state: t.state,
    admittedOn: t.admittedOn,
    expectedReleaseOn: t.expectedReleaseOn,
    releasedOn: t.releasedOn,
    phone: `139${String(10000000 + Math.floor(rand() * 89999999))}`,
    educationLevel: EDUCATION[Math.floor(rand() * EDUCATION.length)]!,
    skills: JSON.stringify(SKILLS.filter(() => rand() < 0.15).slice(0, 3)),
    preferredDivisions: [t.home],
    wageExpectation: 3000 + Math.floor(rand() * 8) * 500,
    willingToLiveOnSite: rand() < 0.6,
  });
}

/** ~200 trainees spread over the facilities and lifecycle states; the first two are the demo trainee accounts. */
export async function loadDemoTrainees(
  repo: DemoRepository,
  cipher: FieldCipher,
  rand: () => number,
  today: Date,
  o: DemoOrganisations,
  accounts: DemoTraineeAccounts,
): Promise<DemoTrainee[]> {
  const divisions = HAINAN_DIVISIONS.filter((d) => d.code !== '460300').map((d) => d.code);
  const drawn: Drawn[] = [];
  for (let i = 0; i < 200; i++) drawn.push(drawTrainee(i, rand, today, o, accounts, divisions));
  // Inserted after all are drawn: the PRNG's sequence (and so the demo) stays the one it always was.
  const trainees: DemoTrainee[] = [];
  for (const [i, t] of drawn.entries()) {
    const id = await insertTrainee(repo, cipher, t, i, rand);
    trainees.push({ ...t, id });
  }
  return trainees;
}
