import type { components } from '../core/api/generated/api';

type Schemas = components['schemas'];

// The trainee's file and the caseload
export type TraineeListItemDto = Schemas['TraineeListItemDto'];
export type TraineePageDto = Schemas['TraineePageDto'];
export type TraineeDto = Schemas['TraineeDto'];
export type CreateTraineeDto = Schemas['CreateTraineeDto'];
export type UpdateTraineeDto = Schemas['UpdateTraineeDto'];
export type RevealedIdentityDto = Schemas['RevealedIdentityDto'];
export type StateChangeDto = Schemas['StateChangeDto'];
export type EducationLevel = NonNullable<TraineeDto['educationLevel']>;
export type TraineeState = TraineeDto['state'];
export type TraineeSkillDto = Schemas['TraineeSkillDto'];
export type TraineeSkillInputDto = Schemas['TraineeSkillInputDto'];
export type IndustryDto = Schemas['IndustryDto'];
export type OccupationDto = Schemas['OccupationDto'];
export type OccupationPageDto = Schemas['OccupationPageDto'];
export type SkillLevelDto = Schemas['SkillLevelDto'];

// Pre-release checklist
export type ChecklistItemDto = Schemas['ChecklistItemDto'];
export type ChecklistItemKey = ChecklistItemDto['itemKey'];
export type ChecklistBehindDto = Schemas['ChecklistBehindDto'];
export type UpdateChecklistItemDto = Schemas['UpdateChecklistItemDto'];

// Excel import
export type ImportReportDto = Schemas['ImportReportDto'];
export type ImportProblemDto = Schemas['ImportProblemDto'];

// Consent
export type ConsentTextDto = Schemas['ConsentTextDto'];
export type ConsentDto = Schemas['ConsentDto'];
export type ConsentPurpose = ConsentDto['purpose'];
export type GrantConsentDto = Schemas['GrantConsentDto'];
export type AssistedGrantConsentDto = Schemas['AssistedGrantConsentDto'];

// Correction requests
export type CorrectionRequestDto = Schemas['CorrectionRequestDto'];
export type CreateCorrectionRequestDto = Schemas['CreateCorrectionRequestDto'];
export type CorrectionField = CreateCorrectionRequestDto['field'];
export type CorrectionStatus = CorrectionRequestDto['status'];
export type ResolveCorrectionRequestDto = Schemas['ResolveCorrectionRequestDto'];

// Handovers
export type HandoverDto = Schemas['HandoverDto'];
export type HandoverPageDto = Schemas['HandoverPageDto'];
export type HandoverState = HandoverDto['state'];
export type CreateHandoverDto = Schemas['CreateHandoverDto'];
export type CompleteHandoverDto = Schemas['CompleteHandoverDto'];
export type StationSuggestionDto = Schemas['StationSuggestionDto'];

// The trainee's portal
export type MyDataDto = Schemas['MyDataDto'];

export const EDUCATION_LEVELS: readonly EducationLevel[] = ['none', 'primary', 'junior_high', 'senior_high', 'vocational', 'college'];
export const CHECKLIST_KEYS: readonly ChecklistItemKey[] = [
  'situation_policy',
  'anti_drug',
  'mental_health',
  'employment_guidance',
  'handover_documents',
];
export const CONSENT_PURPOSES: readonly ConsentPurpose[] = ['job_matching', 'share_with_employer', 'follow_up_contact'];
export const CORRECTION_FIELDS: readonly CorrectionField[] = [
  'fullName',
  'phone',
  'homeDivision',
  'education',
  'workHistory',
  'skills',
  'dates',
  'other',
];
export const HANDOVER_STATES: readonly HandoverState[] = ['prepared', 'sent', 'accepted', 'completed', 'rejected'];

/** The documents a station usually receives at a handover (the receiving officer ticks what came). */
export const HANDOVER_DOCUMENTS = ['解除强制隔离戒毒证明书', '诊断评估结果', '出所前教育记录', '身份证件', '社区康复告知书'] as const;
