import { Injectable } from '@angular/core';
import { FeatureI18n } from '../../core/i18n/feature-i18n';
import type { PlanActionDto, PlanDto, PlanGoalDto } from './plans-api';
import { planEn } from './plan-en';
import { type PlanKey, planZh } from './plan-zh';

export type NeedArea = PlanActionDto['area'];
export type NeedCode = NonNullable<PlanActionDto['needCode']>;
export type BlockerCode = PlanDto['blockers'][number];

/** The areas in the order the form and the view show them. */
export const NEED_AREAS: readonly NeedArea[] = ['documents', 'housing', 'health', 'family', 'finance', 'education', 'work'];

/** The dictionary key of a code: `area.documents`, `need.id_card`, `owner.station` … */
export const areaKey = (area: NeedArea): PlanKey => `area.${area}`;
export const needKey = (code: NeedCode): PlanKey => `need.${code}`;
export const levelKey = (level: 'none' | 'some' | 'urgent'): PlanKey => `level.${level}`;
export const ownerKey = (owner: PlanActionDto['owner']): PlanKey => `owner.${owner}`;
export const actionStatusKey = (status: PlanActionDto['status']): PlanKey => `actionStatus.${status}`;
export const goalStatusKey = (status: PlanGoalDto['status']): PlanKey => `goalStatus.${status}`;
export const goalKindKey = (kind: PlanGoalDto['kind']): PlanKey => `goalKind.${kind}`;
export const stageKey = (stage: PlanDto['versions'][number]['stage']): PlanKey => `stage.${stage}`;
export const blockerKey = (code: BlockerCode): PlanKey => `blocker.${code}`;

/** The personal plan's words (staff screens). */
@Injectable({ providedIn: 'root' })
export class PlanI18n extends FeatureI18n<PlanKey> {
  constructor() {
    super(planZh, planEn);
  }
}
