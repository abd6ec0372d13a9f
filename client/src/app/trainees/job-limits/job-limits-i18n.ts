import { Injectable } from '@angular/core';
import { FeatureI18n } from '../../core/i18n/feature-i18n';

/** The words of the job limits card on a trainee's file (Chinese first). */
const zh = {
  'tjl.title': '从业限制',
  'tjl.note': '依照法律，此人暂时或永久不能从事下列职业；智能匹配已自动排除这些职业。',
  'tjl.from': '可从 {month} 起',
  'tjl.barred': '不得从事',
  'tjl.whileSupervised': '监管期间不得',
  'tjl.reference': '依据：{ref}',
} as const;

export type TraineeJobLimitsKey = keyof typeof zh;

const en: Readonly<Record<TraineeJobLimitsKey, string>> = {
  'tjl.title': 'Job limits',
  'tjl.note': 'By law this person may not take up these occupations, for now or for good; matching already leaves them out.',
  'tjl.from': 'Allowed from {month}',
  'tjl.barred': 'Not allowed',
  'tjl.whileSupervised': 'Not while under supervision',
  'tjl.reference': 'Basis: {ref}',
};

@Injectable({ providedIn: 'root' })
export class TraineeJobLimitsI18n extends FeatureI18n<TraineeJobLimitsKey> {
  constructor() {
    super(zh, en);
  }
}
