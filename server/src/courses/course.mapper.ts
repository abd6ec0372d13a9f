import { seatPlace } from '../seats/seat-table';
import { SKILL_LEVELS } from '../reference/data/divisions';
import type { CertificateRow, CourseRow, DemandSupplyRow, RecommendationRow, SessionEnrolmentRow, SessionRow } from './courses.repository';
import type {
  CertificateDto,
  CourseDto,
  CourseRecommendationDto,
  CourseSessionDto,
  DemandSupplyRowDto,
  SessionEnrolmentDto,
} from './dto/course.dto';

/** `五级/初级工`: a skill level's name and title. */
export const levelName = (level: number): string => {
  const l = SKILL_LEVELS.find((s) => s.level === level);
  return l ? `${l.name}/${l.title}` : String(level);
};

export const toCourseDto = (r: CourseRow): CourseDto => ({
  id: r.id,
  title: r.title,
  occupationCode: r.occupation_code,
  occupationName: r.occupation_name,
  level: r.level,
  levelName: levelName(r.level),
  hours: r.hours,
  providerId: r.provider_id,
  providerName: r.provider_name,
  syllabus: r.syllabus,
  upcomingSessions: r.upcoming,
});

export const toSessionDto = (r: SessionRow): CourseSessionDto => ({
  id: r.id,
  courseId: r.course_id,
  courseTitle: r.title,
  occupationCode: r.occupation_code,
  level: r.level,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  venueName: r.venue_name,
  capacity: r.capacity,
  seatsTaken: r.seats_taken,
  waitlisted: r.waitlisted,
  instructorId: r.instructor_id,
  instructorName: r.instructor_name,
  passMark: r.pass_mark,
  orderId: r.order_id,
  orderTitle: r.order_title,
  orderEmployerName: r.order_employer_name,
});

export const toSessionEnrolmentDto = (r: SessionEnrolmentRow): SessionEnrolmentDto => ({
  id: r.id,
  sessionId: r.session_id,
  ...seatPlace(r),
  createdAt: new Date(r.created_at).toISOString(),
  theoryScore: r.theory_score,
  practicalScore: r.practical_score,
  attended: r.attended,
  meetings: r.meetings,
});

export const toCertificateDto = (r: CertificateRow): CertificateDto => ({
  id: r.id,
  occupationCode: r.occupation_code,
  occupationName: r.occupation_name,
  level: r.level,
  levelName: levelName(r.level),
  number: r.number,
  issuer: r.issuer,
  issuedOn: r.issued_on,
});

/** A recommendation with its reason in plain words (the gap it closes). */
export const toRecommendationDto = (r: RecommendationRow): CourseRecommendationDto => {
  const lvl = levelName(r.lvl);
  return {
    courseId: r.course_id,
    courseTitle: r.title,
    occupationCode: r.occupation_code,
    occupationName: r.occupation_name,
    level: r.level,
    levelName: levelName(r.level),
    nextSessionId: r.session_id ?? null,
    nextSessionStartsOn: r.starts_on ?? null,
    seatsLeft: r.seats_left ?? null,
    openOrders: r.orders,
    headcount: r.headcount,
    divisionName: r.division_name,
    nearby: r.nearby,
    reason: `${r.division_name}有${r.orders}个${r.occupation_name}（${lvl}）订单，共招${r.headcount}人；还没有这个证书。`,
    reasonEn: `${r.orders} open order(s) in ${r.division_name} for ${r.occupation_name} (${lvl}), ${r.headcount} people; no such certificate held yet.`,
  };
};

export const toDemandSupplyDto = (r: DemandSupplyRow): DemandSupplyRowDto => ({
  occupationCode: r.occupation_code,
  occupationName: r.occupation_name,
  divisionCode: r.division_code,
  divisionName: r.division_name,
  openOrders: r.orders,
  demand: r.demand,
  certified: r.certified,
  inTraining: r.in_training,
  gap: r.demand - r.certified - r.in_training,
});
