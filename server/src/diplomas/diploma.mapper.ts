import { seatPlace } from '../seats/seat-table';
import type { ClassEnrolmentRow, ClassRow, ProgrammeRow } from './diplomas.repository';
import type { ClassDto, ClassEnrolmentDto, ProgrammeDto } from './dto/diploma.dto';

export const toProgrammeDto = (r: ProgrammeRow): ProgrammeDto => ({
  id: r.id,
  name: r.name,
  schoolId: r.school_id,
  schoolName: r.school_name,
  requiredCredits: r.required_credits,
  description: r.description,
  units: r.units,
});

export const toClassDto = (r: ClassRow): ClassDto => ({
  id: r.id,
  programmeId: r.programme_id,
  programmeName: r.programme_name,
  name: r.name,
  cohortYear: r.cohort_year,
  mode: r.mode,
  venueName: r.venue_name,
  capacity: r.capacity,
  seatsTaken: r.seats_taken,
  waitlisted: r.waitlisted,
  applied: r.applied,
  headTeacherId: r.head_teacher_id,
  headTeacherName: r.head_teacher_name,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
});

export const toClassEnrolmentDto = (r: ClassEnrolmentRow): ClassEnrolmentDto => ({
  id: r.id,
  classId: r.class_id,
  className: r.class_name,
  programmeName: r.programme_name,
  ...seatPlace(r),
  appliedAt: new Date(r.applied_at).toISOString(),
  decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
  reason: r.reason,
  transferredToId: r.transferred_to_id,
});
