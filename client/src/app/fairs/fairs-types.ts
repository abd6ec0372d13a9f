import type { components } from '../core/api/generated/api';

type Schemas = components['schemas'];

export type FairDto = Schemas['FairDto'];
export type CreateFairDto = Schemas['CreateFairDto'];
export type BoothDto = Schemas['BoothDto'];
export type SlotDto = Schemas['SlotDto'];
export type RegistrationDto = Schemas['RegistrationDto'];
export type FairCandidateDto = Schemas['FairCandidateDto'];
export type CheckInResultDto = Schemas['CheckInResultDto'];
export type IntentDto = Schemas['IntentDto'];
export type FairReportDto = Schemas['FairReportDto'];
export type ReportRowDto = Schemas['ReportRowDto'];
export type OrderDto = Schemas['OrderDto'];
export type OrderPageDto = Schemas['OrderPageDto'];
export type TraineePageDto = Schemas['TraineePageDto'];
export type ConsentTextDto = Schemas['ConsentTextDto'];
export type FairState = FairDto['state'];
