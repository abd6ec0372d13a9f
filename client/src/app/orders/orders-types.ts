import type { components } from '../core/api/generated/api';

type Schemas = components['schemas'];

export type OrderDto = Schemas['OrderDto'];
export type OrderPageDto = Schemas['OrderPageDto'];
export type CreateOrderDto = Schemas['CreateOrderDto'];
export type UpdateOrderDto = Schemas['UpdateOrderDto'];
export type OrderState = OrderDto['state'];
export type BoardAndLodging = OrderDto['boardAndLodging'];
export type FulfilmentDto = Schemas['FulfilmentDto'];
export type CandidateDto = Schemas['CandidateDto'];
export type PlacementDto = Schemas['PlacementDto'];
export type PlacementPageDto = Schemas['PlacementPageDto'];
export type PlacementEventDto = Schemas['PlacementEventDto'];
export type PlacementState = PlacementDto['state'];
export type CreatePlacementDto = Schemas['CreatePlacementDto'];
export type AcceptPlacementDto = Schemas['AcceptPlacementDto'];
export type InterviewDto = Schemas['InterviewDto'];
export type OfferDto = Schemas['OfferDto'];
export type HireDto = Schemas['HireDto'];
export type EndEmploymentDto = Schemas['EndEmploymentDto'];
export type PlacementNoteDto = Schemas['PlacementNoteDto'];
export type OccupationDto = Schemas['OccupationDto'];
export type OccupationPageDto = Schemas['OccupationPageDto'];
export type ConsentTextDto = Schemas['ConsentTextDto'];
export type TraineeListItemDto = Schemas['TraineeListItemDto'];
export type TraineePageDto = Schemas['TraineePageDto'];

export const ORDER_STATES: readonly OrderState[] = ['draft', 'open', 'filled', 'closed'];
export const BOARD_AND_LODGING: readonly BoardAndLodging[] = ['none', 'board', 'lodging', 'both'];
export const PLACEMENT_STATES: readonly PlacementState[] = [
  'suggested',
  'recommended',
  'accepted_by_trainee',
  'interview',
  'offer',
  'hired',
  'declined',
  'rejected',
  'withdrawn',
];
/** Still moving: neither hired nor ended one way or another. */
export const LIVE_PLACEMENT_STATES: readonly PlacementState[] = ['suggested', 'recommended', 'accepted_by_trainee', 'interview', 'offer'];

export type RecommendationReasonDto = Schemas['RecommendationReasonDto'];
export type RecommendationReasonCode = RecommendationReasonDto['code'];
export type TraineeSkillDto = Schemas['TraineeSkillDto'];
export type RecommendDto = Schemas['RecommendDto'];
