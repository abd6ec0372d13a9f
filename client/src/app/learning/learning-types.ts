import type { components } from '../core/api/generated/api';

type Schemas = components['schemas'];

// Diploma track (学历式)
export type ProgrammeDto = Schemas['ProgrammeDto'];
export type UnitDto = Schemas['UnitDto'];
export type CreateProgrammeDto = Schemas['CreateProgrammeDto'];
export type ClassDto = Schemas['ClassDto'];
export type CreateClassDto = Schemas['CreateClassDto'];
export type ClassMode = ClassDto['mode'];
export type ClassEnrolmentDto = Schemas['ClassEnrolmentDto'];
export type ClassEnrolmentState = ClassEnrolmentDto['state'];
export type DecisionDto = Schemas['DecisionDto'];
export type Decision = DecisionDto['decision'];
export type GraduationAuditDto = Schemas['GraduationAuditDto'];
export type AuditUnitDto = Schemas['AuditUnitDto'];
export type DiplomaDto = Schemas['DiplomaDto'];
export type DiplomaVerificationDto = Schemas['DiplomaVerificationDto'];
export type GradeDto = Schemas['GradeDto'];
export type ClassAttendanceDto = Schemas['ClassAttendanceDto'];
export type ProgrammePageDto = Schemas['ProgrammePageDto'];
export type ClassPageDto = Schemas['ClassPageDto'];
export type ClassEnrolmentPageDto = Schemas['ClassEnrolmentPageDto'];

// Skills track (精准式)
export type CourseDto = Schemas['CourseDto'];
export type CreateCourseDto = Schemas['CreateCourseDto'];
export type CourseSessionDto = Schemas['CourseSessionDto'];
export type CreateSessionDto = Schemas['CreateSessionDto'];
export type SessionEnrolmentDto = Schemas['SessionEnrolmentDto'];
export type SessionEnrolmentState = SessionEnrolmentDto['state'];
export type AssessmentDto = Schemas['AssessmentDto'];
export type CertificateDto = Schemas['CertificateDto'];
export type CoursePageDto = Schemas['CoursePageDto'];
export type CourseSessionPageDto = Schemas['CourseSessionPageDto'];
export type SessionEnrolmentPageDto = Schemas['SessionEnrolmentPageDto'];
/** `GET /courses/:id` (documented as a plain object): the course and its sessions. */
export type CourseDetailDto = CourseDto & { sessions: CourseSessionDto[] };

/** "精准" recommendations and the admin's demand-vs-supply view. */
export type CourseRecommendationDto = Schemas['CourseRecommendationDto'];
export type DemandSupplyRowDto = Schemas['DemandSupplyRowDto'];

// Reference and people
export type OccupationDto = Schemas['OccupationDto'];
export type OccupationPageDto = Schemas['OccupationPageDto'];
export type TraineeListItemDto = Schemas['TraineeListItemDto'];
export type TraineePageDto = Schemas['TraineePageDto'];

export const CLASS_MODES: readonly ClassMode[] = ['in_facility', 'community', 'distance'];
export const SKILL_LEVELS: readonly number[] = [5, 4, 3, 2, 1];

/** A unit passes at 60 (the server's rule); shown before saving so a teacher sees what a score means. */
export const UNIT_PASS_SCORE = 60;

/** Enrolments still holding (or waiting for) a place. */
export const LIVE_CLASS_STATES: readonly ClassEnrolmentState[] = ['applied', 'approved', 'waitlisted', 'active'];
/** Studying: on the roster, graded, taking attendance. */
export const STUDYING_STATES: readonly ClassEnrolmentState[] = ['approved', 'active'];
