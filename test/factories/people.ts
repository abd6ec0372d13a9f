import { syntheticIdentityNumber } from '../../server/src/demo/demo-data';
import { FieldCipher } from '../../server/src/common/crypto/field-cipher';
import type { TraineeState } from '../../server/src/trainees/trainee.entity';
import { TEST_ENV } from '../utils/test-app';
import { daysFrom, type Db, insertRow, nextSeq, uniqueCode } from './db';

const cipher = new FieldCipher(Buffer.from(TEST_ENV.FIELD_ENCRYPTION_KEY, 'base64'));

export interface OrganisationOverrides {
  name?: string;
  type?: 'bureau' | 'facility' | 'community_station' | 'school' | 'training_provider' | 'employer';
  divisionCode?: string;
  status?: string;
}

/** An organisation (a facility in 海口 unless told); returns its id. */
export async function newOrganisation(db: Db, o: OrganisationOverrides = {}): Promise<string> {
  const type = o.type ?? 'facility';
  return (
    await insertRow(db, 'organisation', {
      name: o.name ?? `测试机构${nextSeq()}`,
      type,
      divisionCode: o.divisionCode ?? '460100',
      status: o.status,
    })
  ).id;
}

export interface UserOverrides {
  organisationId: string;
  username?: string;
  displayName?: string;
  role?: string;
}

/** An account (a counsellor unless told) that signs in with the demo password; returns its id and username. */
export async function newUser(db: Db, u: UserOverrides): Promise<{ id: string; username: string }> {
  const username = u.username ?? `test-user-${nextSeq()}`;
  const [row] = await db.sql<{ id: string }>(
    `INSERT INTO app_user (username, display_name, role, organisation_id, password_hash)
     SELECT $1, $2, $3, $4, password_hash FROM app_user WHERE username = 'counsellor' RETURNING id`,
    [username, u.displayName ?? '测试用户', u.role ?? 'counsellor', u.organisationId],
  );
  return { id: row!.id, username };
}

export interface TraineeOverrides {
  organisationId: string;
  fullName?: string;
  sex?: 'M' | 'F';
  birthYear?: number;
  homeDivisionCode?: string;
  state?: TraineeState;
  /** Default: 700 days before the release, or 300 days ago. */
  admittedOn?: string;
  /** Default: the release, or 20 days from now. */
  expectedReleaseOn?: string;
  releasedOn?: string | null;
  jobMatchingConsent?: boolean;
  willingToLiveOnSite?: boolean | null;
  wageExpectation?: number | null;
  /** `{ occupationCode, level }[]`. */
  skills?: { occupationCode: string; level: number | null }[];
  userId?: string;
}

/**
 * A valid 身份证号 of someone born in `birthYear`, unique in the spec file. Its region is 三沙
 * (460300), where no demo trainee comes from, so it never collides with the demo's.
 */
export function identityNumberFor(birthYear: number): string {
  const n = nextSeq();
  const birth = `${birthYear}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (Math.floor(n / 12) % 28)).padStart(2, '0')}`;
  return syntheticIdentityNumber('460300', birth, Math.floor(n / 336), 'M');
}

/** A trainee's file (admitted, in 海口, born 1990 unless told), with an encrypted identity number; returns its id. */
export async function newTrainee(db: Db, t: TraineeOverrides): Promise<string> {
  const birthYear = t.birthYear ?? 1990;
  const idNumber = identityNumberFor(birthYear);
  const released = t.releasedOn ?? undefined;
  return (
    await insertRow(db, 'trainee', {
      fullName: t.fullName ?? `测试学员${nextSeq()}`,
      sex: t.sex ?? 'M',
      birthYear,
      identityNumberCipher: cipher.encrypt(idNumber),
      identityNumberHash: cipher.lookupHash(idNumber),
      identityNumberTail: idNumber.slice(-4),
      homeDivisionCode: t.homeDivisionCode ?? '460100',
      organisationId: t.organisationId,
      userId: t.userId,
      state: t.state ?? 'admitted',
      admittedOn: t.admittedOn ?? (released ? daysFrom(-700, released) : daysFrom(-300)),
      expectedReleaseOn: t.expectedReleaseOn ?? released ?? daysFrom(20),
      releasedOn: t.releasedOn,
      jobMatchingConsent: t.jobMatchingConsent,
      willingToLiveOnSite: t.willingToLiveOnSite,
      wageExpectation: t.wageExpectation,
      skills: t.skills ? JSON.stringify(t.skills) : undefined,
    })
  ).id;
}

/** `n` trainees, the i-th (from 1) with the overrides `each(i)` gives. */
export async function newTrainees(db: Db, n: number, each: (i: number) => TraineeOverrides): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) ids.push(await newTrainee(db, each(i)));
  return ids;
}

/** A released person handed over to a station: completed on the release day unless told; returns its id. */
export async function newHandover(
  db: Db,
  h: { traineeId: string; fromOrganisationId: string; toOrganisationId: string; releaseDate: string; createdBy: string; state?: string },
): Promise<string> {
  const completed = (h.state ?? 'completed') === 'completed';
  return (
    await insertRow(db, 'handover', {
      ...h,
      state: h.state ?? 'completed',
      completedAt: completed ? h.releaseDate : undefined,
      handedOverOn: completed ? h.releaseDate : undefined,
    })
  ).id;
}

/** A job-matching (or other purpose) consent recorded on paper by a member of staff. */
export async function newConsent(
  db: Db,
  c: { traineeId: string; grantedBy: string; purpose?: string; paperFormRef?: string; employerId?: string },
): Promise<string> {
  return (
    await insertRow(db, 'consent', {
      traineeId: c.traineeId,
      purpose: c.purpose ?? 'job_matching',
      employerId: c.employerId,
      textVersion: 1,
      grantedBy: c.grantedBy,
      grantedAssisted: true,
      paperFormRef: c.paperFormRef ?? uniqueCode('PF-'),
    })
  ).id;
}

/** A counsellor's readiness note. */
export async function newReadiness(db: Db, r: { traineeId: string; ready: boolean; setBy: string }): Promise<void> {
  await insertRow(db, 'trainee_readiness', r, 'trainee_id');
}

/** An inbox notification (kind `test` unless told); returns its id. */
export async function newNotification(
  db: Db,
  n: { userId: string; kind?: string; titleZh?: string; titleEn?: string; link?: string; dedupeKey?: string },
): Promise<string> {
  return (
    await insertRow(db, 'notification', {
      userId: n.userId,
      kind: n.kind ?? 'test',
      titleZh: n.titleZh ?? '测试',
      titleEn: n.titleEn ?? 'test',
      link: n.link,
      dedupeKey: n.dedupeKey ?? uniqueCode('test-', 16),
    })
  ).id;
}
