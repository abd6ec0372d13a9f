import type { DemoRepository } from './demo.repository';
import type { DemoTrainee } from './trainees';

const UNITS: [string, number][] = [
  ['烹饪原料知识', 6],
  ['中式烹调技艺', 10],
  ['中式面点技艺', 8],
  ['食品安全与营养', 6],
  ['厨房管理', 6],
  ['职业道德与法律', 4],
  ['语文', 4],
];

/** Skills courses: title, occupation, level. */
const COURSES: [string, string, number][] = [
  ['中式烹调师（五级）', '4-03-02-01', 5],
  ['电工（四级）', '6-31-01-03', 4],
  ['保育师（五级）', '4-10-01-03', 5],
];

interface LearningPeople {
  admin: string;
  instructor: string;
  facilityA: string;
}

/** The 中餐烹饪 programme and its units (ids in order). */
async function loadProgramme(repo: DemoRepository): Promise<{ programme: string; units: string[] }> {
  const school = await repo.organisationOfType('school');
  const programme = await repo.insertProgramme(school);
  const units: string[] = [];
  for (const [i, [name, credits]] of UNITS.entries()) units.push(await repo.insertProgrammeUnit(programme, name, credits, i));
  return { programme, units };
}

/** This year's classes; the demo trainee (李明) and a dozen classmates study in facility A's, and 李明 has passed four units. */
async function loadClasses(
  repo: DemoRepository,
  p: LearningPeople,
  programme: string,
  units: string[],
  trainees: DemoTrainee[],
): Promise<void> {
  const year = new Date().getFullYear();
  const dates = { cohortYear: year, headTeacherId: p.instructor, startsOn: `${year}-03-01`, endsOn: `${year + 1}-12-31` };
  const klass = await repo.insertFacilityClass({
    programmeId: programme,
    name: `${year}级中餐烹饪1班`,
    venueOrganisationId: p.facilityA,
    ...dates,
  });
  await repo.insertDistanceClass({ programmeId: programme, name: `${year}级中餐烹饪远程班`, ...dates });
  const classmates = trainees.filter((t, i) => i === 0 || (t.organisationId === p.facilityA && t.state === 'admitted')).slice(0, 13);
  for (const t of classmates) await repo.insertActiveEnrolment(klass, t.id, p.admin);
  await repo.setClassSeatsTaken(klass, classmates.length);
  for (const [k, unit] of units.slice(0, 4).entries())
    await repo.insertUnitGrade(trainees[0]!.id, unit, [86, 78, 91, 72][k]!, p.instructor);
}

/** The courses whose occupation is known, each with a session this month; the demo trainee is enrolled in the first. */
async function loadCourses(repo: DemoRepository, p: LearningPeople, trainees: DemoTrainee[]): Promise<void> {
  const provider = await repo.organisationOfType('training_provider');
  let firstSession = '';
  for (const [title, code, level] of COURSES) {
    if (!(await repo.occupationExists(code))) continue;
    const course = await repo.insertCourse(title, code, level, provider);
    const session = await repo.insertCourseSession(course, p.facilityA, p.instructor);
    firstSession ||= session;
  }
  if (firstSession) await repo.enrolFirstInSession(firstSession, trainees[0]!.id, p.admin);
}

/** Certificates for two in three of those already released. */
async function loadCertificates(repo: DemoRepository, trainees: DemoTrainee[]): Promise<void> {
  let n = 0;
  for (const [i, t] of trainees.entries()) {
    if ((t.state === 'community' || t.state === 'released') && i % 3 !== 0) {
      const [, code, level] = COURSES[i % COURSES.length]!;
      n++;
      await repo.insertCertificate(t.id, code, level, `JBH-C-DEMO-${String(n).padStart(5, '0')}`);
    }
  }
}

/** One graduate of an earlier cohort, with a verifiable diploma. */
async function loadGraduate(
  repo: DemoRepository,
  p: LearningPeople,
  programme: string,
  units: string[],
  trainees: DemoTrainee[],
): Promise<void> {
  const graduate = trainees.find((t) => t.state === 'community');
  if (!graduate) return;
  const year = new Date().getFullYear();
  const old = await repo.insertPastClass({
    programmeId: programme,
    name: `${year - 3}级中餐烹饪1班`,
    cohortYear: year - 3,
    venueOrganisationId: p.facilityA,
    headTeacherId: p.instructor,
    startsOn: `${year - 3}-03-01`,
    endsOn: `${year - 2}-12-31`,
  });
  const enrolment = await repo.insertGraduatedEnrolment(old, graduate.id, p.admin);
  for (const unit of units) await repo.insertUnitGrade(graduate.id, unit, 80, p.instructor);
  await repo.insertDiploma({
    traineeId: graduate.id,
    programmeId: programme,
    enrolmentId: enrolment,
    number: `ZZ-${year - 2}-${String(429).padStart(5, '0')}`,
    graduatedOn: `${year - 2}-12-31`,
    issuedBy: p.admin,
  });
}

/**
 * A 中专 programme with a class in facility A (the `instructor` heads it, the demo trainee studies in
 * it), a skills course with a session, certificates for many of those already released, and one
 * diploma — so every learning page has something real to show.
 */
export async function loadDemoLearning(repo: DemoRepository, trainees: DemoTrainee[]): Promise<void> {
  const people: LearningPeople = {
    instructor: await repo.userId('instructor'),
    admin: await repo.userId('admin'),
    facilityA: await repo.organisationOfUser('counsellor'),
  };
  const { programme, units } = await loadProgramme(repo);
  await loadClasses(repo, people, programme, units, trainees);
  await loadCourses(repo, people, trainees);
  await loadCertificates(repo, trainees);
  await loadGraduate(repo, people, programme, units, trainees);
}
