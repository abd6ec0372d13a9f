import { Injectable } from '@angular/core';
import type { EpisodeDto } from '../../core/api/generated/models/episode-dto';
import { FeatureI18n } from '../../core/i18n/feature-i18n';

/** The words of the admissions card and the re-admission form (Chinese first). */
const zh = {
  'ep.title': '历次入所',
  'ep.number': '第 {n} 次入所',
  'ep.reason.first': '首次入所',
  'ep.reason.relapse': '复吸',
  'ep.reason.violation': '违反社区康复协议',
  'ep.reason.other': '其他原因',
  'ep.released': '{date} 出所',
  'ep.expected': '预计 {date} 出所',
  'ep.current': '本次',
  'readm.title': '再次入所',
  'readm.button': '再次入所',
  'readm.intro': '此前已在平台建档、已出所的人员再次入所时，请在这里登记：沿用原档案，新增一次入所记录，档案转由本所管理。',
  'readm.identityNumber': '身份证号',
  'readm.identityHelp': '请按身份证原样填写 18 位号码，用于查找原档案。',
  'readm.admittedOn': '本次入所日期',
  'readm.expectedReleaseOn': '预计出所日期',
  'readm.releaseBeforeAdmission': '预计出所日期不能早于入所日期',
  'readm.reason': '再次入所原因',
  'readm.submit': '登记再次入所',
  'readm.done': '已登记再次入所',
  'readm.noRecord': '平台上没有这个身份证号的档案。如是首次入所，请新建档案。',
  'readm.createInstead': '新建档案',
  'readm.facilityOnly': '只有戒毒所的民警可以登记再次入所。',
} as const;

export type ReentryKey = keyof typeof zh;

const en: Readonly<Record<ReentryKey, string>> = {
  'ep.title': 'Admissions',
  'ep.number': 'Admission {n}',
  'ep.reason.first': 'First admission',
  'ep.reason.relapse': 'Relapse',
  'ep.reason.violation': 'Broke the community rehabilitation agreement',
  'ep.reason.other': 'Other reason',
  'ep.released': 'released {date}',
  'ep.expected': 'release expected {date}',
  'ep.current': 'Current',
  'readm.title': 'Admitted again',
  'readm.button': 'Admitted again',
  'readm.intro':
    'For a person who already has a record here and was released: the record is kept, a new admission is added, and your facility holds the file from now on.',
  'readm.identityNumber': 'ID card number',
  'readm.identityHelp': 'The 18 characters exactly as on the ID card; used to find the earlier record.',
  'readm.admittedOn': 'Admitted on',
  'readm.expectedReleaseOn': 'Expected release',
  'readm.releaseBeforeAdmission': 'The expected release cannot be before the admission',
  'readm.reason': 'Reason for the new admission',
  'readm.submit': 'Record the admission',
  'readm.done': 'Admission recorded',
  'readm.noRecord': 'There is no record with this ID card number. If this is a first admission, create a record.',
  'readm.createInstead': 'Create record',
  'readm.facilityOnly': 'Only facility staff can record a new admission.',
};

/** Reasons a re-admission may give (a first admission is made by creating the record). */
export const READMISSION_REASONS = ['relapse', 'violation', 'other'] as const satisfies readonly EpisodeDto['reason'][];

@Injectable({ providedIn: 'root' })
export class ReentryI18n extends FeatureI18n<ReentryKey> {
  constructor() {
    super(zh, en);
  }

  readonly reason = (reason: EpisodeDto['reason']): string => this.t(`ep.reason.${reason}`);
}
