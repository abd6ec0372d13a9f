import { Injectable } from '@angular/core';
import { FeatureI18n } from '../../core/i18n/feature-i18n';

/**
 * The trainee home's own words. After release the home screen is what a trainee shows an employer
 * or family, so the `outside.*` words name no place and carry no word of the programme; the `inside.*`
 * ones, for someone still inside, say plainly how long is left.
 */
export const traineeHomeZh = {
  'inside.admitted': '你正在所内学习',
  'inside.pre_release': '你快要出所了',
  'inside.daysToRelease': '离出所还有',
  'inside.days': '{days} 天',
  'inside.releaseToday': '今天出所',
  'inside.expected': '预计出所：{date}',
  'inside.checklist': '出所前的准备：看看我的清单',
  'inside.privacy': '你的戒毒经历不会透露给用人单位。',
  'outside.lead': '学技能、拿文凭、找工作，一步一步来。',
  'outside.privacy': '用人单位看不到“我的档案”里的任何内容。',
  'outside.help': '有问题，请联系你的辅导员。',
  record: '我的档案',
  recordText: '清单、同意书和我的资料，只有你自己能看到',
} as const;

export type TraineeHomeKey = keyof typeof traineeHomeZh;

export const traineeHomeEn: Readonly<Record<TraineeHomeKey, string>> = {
  'inside.admitted': 'You are studying inside',
  'inside.pre_release': 'You will be released soon',
  'inside.daysToRelease': 'Days until release',
  'inside.days': '{days} days',
  'inside.releaseToday': 'Release today',
  'inside.expected': 'Expected release: {date}',
  'inside.checklist': 'Before release: see my checklist',
  'inside.privacy': 'Your rehabilitation history is never shown to employers.',
  'outside.lead': 'A skill, a diploma, a job — one step at a time.',
  'outside.privacy': 'Employers never see anything in “My record”.',
  'outside.help': 'Questions? Ask your counsellor.',
  record: 'My record',
  recordText: 'Checklist, consents and your data — only you can see them',
};

@Injectable({ providedIn: 'root' })
export class TraineeHomeI18n extends FeatureI18n<TraineeHomeKey> {
  constructor() {
    super(traineeHomeZh, traineeHomeEn);
  }
}
