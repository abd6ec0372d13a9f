import { Injectable } from '@angular/core';
import { FeatureI18n } from '../../core/i18n/feature-i18n';
import type { JobLimitDto } from '../../core/api/generated/models/job-limit-dto';

/** The job limits page's words (Chinese first), shipped with the page. */
const zh = {
  'jl.title': '从业限制',
  'jl.intro': '智能匹配会按下列规则自动排除受限的学员，不作提示，用人单位也看不到原因。',
  'jl.add': '新增规则',
  'jl.addTitle': '新增从业限制',
  'jl.editTitle': '修改从业限制',
  'jl.showInactive': '显示已停用的规则',
  'jl.none': '还没有规则',
  'jl.inactive': '已停用',
  'jl.active': '生效中',
  'jl.kind.waiting_period': '等待期 {n} 年',
  'jl.kind.barred': '终身禁止',
  'jl.duringSupervision': '监管期间也不得',
  'jl.legalReference': '法律依据',
  'jl.summary': '说明',
  'jl.occupation': '职业或职业类别',
  'jl.occupationSearch': '输入职业名称或代码搜索',
  'jl.occupationHelp': '选“整类”即限制该小类下的全部职业（《职业分类大典》2022 版）。',
  'jl.wholeGroup': '{code} {name}（整类）',
  'jl.kind': '限制方式',
  'jl.kindWaiting': '等待期（出所后满若干年可从事）',
  'jl.kindBarred': '终身禁止',
  'jl.waitingYears': '等待年数',
  'jl.waitingYearsHelp': '从出所（解除强制隔离戒毒）之日起算，1–10 年。',
  'jl.duringSupervisionLabel': '在所及社区康复期间也不得从事',
  'jl.summaryZh': '说明（中文）',
  'jl.summaryEn': '说明（英文）',
  'jl.textHelp': '至少 4 个字。只写规则本身，不写任何个人的情况。',
  'jl.deactivate': '停用',
  'jl.deactivateConfirm': '停用这条规则？停用后匹配不再按它排除人员。',
  'jl.reactivate': '重新启用',
  'jl.deactivated': '规则已停用',
  'jl.reactivated': '规则已重新启用',
  'jl.created': '规则已添加',
  'jl.range': '请填写 1–10 之间的整数',
  'jl.minText': '至少 4 个字',
} as const;

export type JobLimitsKey = keyof typeof zh;

const en: Readonly<Record<JobLimitsKey, string>> = {
  'jl.title': 'Job limits',
  'jl.intro': 'Matching applies these rules silently: the people they limit are left out, and employers never see why.',
  'jl.add': 'Add rule',
  'jl.addTitle': 'Add a job limit',
  'jl.editTitle': 'Edit the job limit',
  'jl.showInactive': 'Show deactivated rules',
  'jl.none': 'No rules yet',
  'jl.inactive': 'Deactivated',
  'jl.active': 'Active',
  'jl.kind.waiting_period': 'Waiting period: {n} years',
  'jl.kind.barred': 'Barred for life',
  'jl.duringSupervision': 'Also not while under supervision',
  'jl.legalReference': 'Legal basis',
  'jl.summary': 'Summary',
  'jl.occupation': 'Occupation or group',
  'jl.occupationSearch': 'Search by occupation name or code',
  'jl.occupationHelp': 'A “whole group” limits every occupation of that minor group (2022 classification).',
  'jl.wholeGroup': '{code} {name} (whole group)',
  'jl.kind': 'Kind of limit',
  'jl.kindWaiting': 'Waiting period (allowed some years after release)',
  'jl.kindBarred': 'Barred for life',
  'jl.waitingYears': 'Years to wait',
  'jl.waitingYearsHelp': 'Counted from release (end of compulsory isolation), 1–10 years.',
  'jl.duringSupervisionLabel': 'Also not while in the facility or in community rehabilitation',
  'jl.summaryZh': 'Summary (Chinese)',
  'jl.summaryEn': 'Summary (English)',
  'jl.textHelp': 'At least 4 characters. About the rule only, never about a person.',
  'jl.deactivate': 'Deactivate',
  'jl.deactivateConfirm': 'Deactivate this rule? Matching will no longer leave people out by it.',
  'jl.reactivate': 'Reactivate',
  'jl.deactivated': 'Rule deactivated',
  'jl.reactivated': 'Rule reactivated',
  'jl.created': 'Rule added',
  'jl.range': 'A whole number from 1 to 10',
  'jl.minText': 'At least 4 characters',
};

@Injectable({ providedIn: 'root' })
export class JobLimitsI18n extends FeatureI18n<JobLimitsKey> {
  constructor() {
    super(zh, en);
  }

  /** "等待期 3 年" / "终身禁止". */
  readonly kindWords = (rule: Pick<JobLimitDto, 'kind' | 'waitingYears'>): string =>
    rule.kind === 'barred' ? this.t('jl.kind.barred') : this.t('jl.kind.waiting_period', { n: rule.waitingYears ?? '?' });
}
