import { AuditEntry } from '../audit/audit-entry.entity';
import { IdempotencyRecord } from '../common/idempotency/idempotency-record.entity';
import { RefreshSession } from '../auth/refresh-session.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Division } from '../reference/division.entity';
import { Occupation } from '../reference/occupation.entity';
import { SkillLevel } from '../reference/skill-level.entity';
import { Consent, ConsentText } from '../consents/consent.entity';
import { Certificate, Course, CourseSession, SessionAttendance, SessionEnrolment } from '../courses/course.entities';
import { ClassAttendance, ClassEnrolment, Diploma, DiplomaClass, Programme, ProgrammeUnit, UnitGrade } from '../diplomas/diploma.entities';
import { Notification } from '../notifications/notification.entity';
import { NotificationPreference } from '../notifications/notification-preference.entity';
import { JobOrder } from '../orders/order.entity';
import { Placement, PlacementEvent } from '../placements/placement.entity';
import { DivisionNeighbour, MatchingRanking, MatchingWeights, TraineeReadiness } from '../matching/matching.entities';
import { FollowUpAbstinence, FollowUpVisit } from '../follow-ups/follow-up.entities';
import { FairBooth, FairBoothOrder, FairIntent, FairRegistration, FairSlot, JobFair } from '../fairs/fair.entities';
import { Handover } from '../handovers/handover.entity';
import { ChecklistItem } from '../trainees/checklist-item.entity';
import { CorrectionRequest } from '../trainees/correction-request.entity';
import { TraineeStateChange } from '../trainees/trainee-state-change.entity';
import { Trainee } from '../trainees/trainee.entity';
import { TraineeSnapshot } from '../trainees/trainee-snapshot.entity';
import { TraineeEpisode } from '../trainees/trainee-episode.entity';
import { JobLimitRule } from '../job-limits/job-limit-rule.entity';
import { ActivationCode } from '../activation/activation-code.entity';
import { RecordSeal } from '../sealing/record-seal.entity';
import { WechatBinding, WechatDelivery } from '../notifications/wechat/wechat.entities';
import { SmsDelivery, SmsOptOut } from '../notifications/sms/sms.entities';
import { User } from '../users/user.entity';
import { NeedsAssessment, NeedsAssessmentArea, PlanAction, PlanGoal, PlanReview } from '../plans/plan.entities';
import { LostContact, StationTransfer } from '../supervision/supervision.entities';

/** Every entity, listed once: the app, the migration CLI and the tests all use this list. */
export const entities = [
  Division,
  Occupation,
  SkillLevel,
  Organisation,
  User,
  RefreshSession,
  AuditEntry,
  Trainee,
  TraineeSnapshot,
  TraineeEpisode,
  JobLimitRule,
  ActivationCode,
  RecordSeal,
  WechatBinding,
  WechatDelivery,
  SmsDelivery,
  SmsOptOut,
  TraineeStateChange,
  ChecklistItem,
  CorrectionRequest,
  ConsentText,
  Consent,
  Handover,
  Programme,
  ProgrammeUnit,
  DiplomaClass,
  ClassEnrolment,
  UnitGrade,
  ClassAttendance,
  Diploma,
  Course,
  CourseSession,
  SessionEnrolment,
  SessionAttendance,
  Certificate,
  Notification,
  NotificationPreference,
  JobOrder,
  Placement,
  PlacementEvent,
  JobFair,
  FairBooth,
  FairBoothOrder,
  FairRegistration,
  FairSlot,
  FairIntent,
  MatchingWeights,
  MatchingRanking,
  TraineeReadiness,
  DivisionNeighbour,
  FollowUpVisit,
  FollowUpAbstinence,
  IdempotencyRecord,
  StationTransfer,
  LostContact,
  NeedsAssessment,
  NeedsAssessmentArea,
  PlanGoal,
  PlanAction,
  PlanReview,
];
