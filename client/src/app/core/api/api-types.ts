import type { components } from './generated/api';

type Schemas = components['schemas'];

export type SessionDto = Schemas['SessionDto'];
export type MfaChallengeDto = Schemas['MfaChallengeDto'];
export type SessionUserDto = Schemas['SessionUserDto'];
export type MeDto = Schemas['MeDto'];
export type LoginDto = Schemas['LoginDto'];
export type ChangePasswordDto = Schemas['ChangePasswordDto'];
export type DivisionDto = Schemas['DivisionDto'];
export type SkillLevelDto = Schemas['SkillLevelDto'];
export type OrganisationDto = Schemas['OrganisationDto'];
export type OrganisationPageDto = Schemas['OrganisationPageDto'];
export type CreateOrganisationDto = Schemas['CreateOrganisationDto'];
export type UpdateOrganisationDto = Schemas['UpdateOrganisationDto'];
export type EmployerDecisionDto = Schemas['EmployerDecisionDto'];
export type RegisterEmployerDto = Schemas['RegisterEmployerDto'];
export type EmployerRegistrationDto = Schemas['EmployerRegistrationDto'];
export type UserDto = Schemas['UserDto'];
export type UserPageDto = Schemas['UserPageDto'];
export type CreateUserDto = Schemas['CreateUserDto'];
export type UpdateUserDto = Schemas['UpdateUserDto'];
export type ResetPasswordDto = Schemas['ResetPasswordDto'];
export type AuditEntryDto = Schemas['AuditEntryDto'];
export type AuditEntryPageDto = Schemas['AuditEntryPageDto'];
export type CaseloadSummaryDto = Schemas['CaseloadSummaryDto'];
export type MyTraineeStatusDto = Schemas['MyTraineeStatusDto'];

export type Role = SessionUserDto['role'];
export type StaffRole = CreateUserDto['role'];
export type OrganisationType = OrganisationDto['type'];
export type OrganisationStatus = OrganisationDto['status'];
export type TraineeState = MyTraineeStatusDto['state'];
export type AuditResult = AuditEntryDto['result'];

export const ROLES: readonly Role[] = ['admin', 'security_admin', 'audit_admin', 'counsellor', 'instructor', 'employer', 'trainee'];
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'security_admin', 'audit_admin', 'counsellor', 'instructor', 'employer'];
export const ORGANISATION_TYPES: readonly OrganisationType[] = [
  'bureau',
  'facility',
  'community_station',
  'school',
  'training_provider',
  'employer',
];
export const ORGANISATION_STATUSES: readonly OrganisationStatus[] = ['active', 'inactive', 'pending', 'verified', 'rejected'];
export const TRAINEE_STATES: readonly TraineeState[] = ['admitted', 'pre_release', 'released', 'community', 'closed'];
export const AUDIT_RESULTS: readonly AuditResult[] = ['success', 'denied', 'failure'];

/** Which organisation types each role may belong to (mirrors the server's rule, for friendlier forms). */
export const ROLE_ORGANISATION_TYPES: Readonly<Record<Role, readonly OrganisationType[]>> = {
  admin: ['bureau'],
  security_admin: ['bureau'],
  audit_admin: ['bureau'],
  counsellor: ['facility', 'community_station'],
  instructor: ['school', 'training_provider'],
  employer: ['employer'],
  trainee: ['facility', 'community_station'],
};

/** A page request as every list endpoint takes it. */
export interface PageQuery {
  page: number;
  pageSize: number;
}
