import { daysFrom, type Db, insertRow, uniqueCode } from './db';

/** A skills certificate (level 5, issued today, by a test station unless told); returns its id. */
export async function newCertificate(
  db: Db,
  c: { traineeId: string; occupationCode: string; level?: number; number?: string; issuer?: string; issuedOn?: string },
): Promise<string> {
  return (
    await insertRow(db, 'certificate', {
      traineeId: c.traineeId,
      occupationCode: c.occupationCode,
      level: c.level ?? 5,
      number: c.number ?? uniqueCode('CERT-', 12),
      issuer: c.issuer ?? '测试鉴定站',
      issuedOn: c.issuedOn ?? daysFrom(0),
    })
  ).id;
}

/** A graduate's diploma in a class's programme (with the graduated enrolment it needs); returns its id. */
export async function newDiploma(
  db: Db,
  d: { traineeId: string; classId: string; programmeId: string; issuedBy: string; graduatedOn: string; creditsEarned?: number },
): Promise<string> {
  const enrolment = await insertRow(db, 'class_enrolment', {
    classId: d.classId,
    traineeId: d.traineeId,
    appliedBy: d.issuedBy,
    state: 'graduated',
  });
  return (
    await insertRow(db, 'diploma', {
      traineeId: d.traineeId,
      programmeId: d.programmeId,
      enrolmentId: enrolment.id,
      number: uniqueCode('DIP-', 14),
      verificationCode: uniqueCode('V', 12),
      graduatedOn: d.graduatedOn,
      creditsEarned: d.creditsEarned ?? 60,
      issuedBy: d.issuedBy,
    })
  ).id;
}

/** A skills course (中式烹调师 level 5, 80 hours unless told); returns its id. */
export async function newCourse(
  db: Db,
  c: { providerId: string; title?: string; occupationCode?: string; level?: number; hours?: number },
): Promise<string> {
  return (
    await insertRow(db, 'course', {
      title: c.title ?? '测试课程',
      occupationCode: c.occupationCode ?? '4-03-02-01',
      level: c.level ?? 5,
      hours: c.hours ?? 80,
      providerId: c.providerId,
    })
  ).id;
}

/** A session of a course (capacity 30 unless told; an 订单班 when `orderId`); returns its id. */
export async function newCourseSession(
  db: Db,
  s: { courseId: string; startsOn: string; endsOn: string; capacity?: number; orderId?: string },
): Promise<string> {
  return (await insertRow(db, 'course_session', { ...s, capacity: s.capacity ?? 30 })).id;
}

/** A trainee's place in a session (enrolled unless told). */
export async function newSessionEnrolment(
  db: Db,
  e: { sessionId: string; traineeId: string; createdBy: string; state?: string },
): Promise<string> {
  return (await insertRow(db, 'session_enrolment', { ...e, state: e.state ?? 'enrolled' })).id;
}
