import { Injectable } from '@angular/core';
import type { UnsealRequestDto } from '../../core/api/generated/models/unseal-request-dto';
import { FeatureI18n } from '../../core/i18n/feature-i18n';
import { chinaDate } from '../../shared/china-date';

export type SealBasis = UnsealRequestDto['basis'];
export type SealState = UnsealRequestDto['state'];
/** The reasons an administrator may give to unseal (the server's UNSEAL_BASES). */
export const UNSEAL_BASES = ['case_investigation', 'statutory_query', 'person_request', 'readmission'] as const;
export type UnsealBasis = (typeof UNSEAL_BASES)[number];

/** The sealing page's words (Chinese first), shipped with the page. */
const zh = {
  'seal.title': '档案封存',
  'seal.intro1': '结案满 {years} 年的档案会自动封存（《治安管理处罚法》第一百三十六条）。',
  'seal.intro2': '封存后的档案不出现在任何列表、搜索、导出和用人单位页面中，但仍计入统计报表。',
  'seal.intro3': '只有在有法定事由时才能解封：一位管理员提出申请，另一位管理员批准，解封只持续限定的天数，到期自动重新封存。',
  'seal.count.sealed': '已封存',
  'seal.count.pending': '待审批的解封申请',
  'seal.count.erased': '已删除个人信息',
  'seal.retentionTitle': '保存期限',
  'seal.col.what': '内容',
  'seal.col.when': '期限',
  'seal.formTitle': '申请解封',
  'seal.formIntro': '按身份证号查找封存的档案。提交后需由另一位管理员审批，您本人不能批准自己的申请。',
  'seal.identity': '身份证号',
  'seal.identityHelp': '18 位，按协查函或申请材料上的号码填写',
  'seal.basis': '解封事由',
  'seal.note': '依据（文书编号或说明）',
  'seal.noteHelp': '例如：协查函编号、查询单位和函件名称。至少 4 个字。',
  'seal.noteMin': '请填写依据（至少 4 个字）',
  'seal.days': '解封天数',
  'seal.daysHelp': '批准后档案可查阅的天数（1–90 天），到期自动重新封存。',
  'seal.daysRange': '请填写 1–90 之间的整数',
  'seal.submit': '提交申请',
  'seal.submitted': '申请已提交，等待另一位管理员审批',
  'seal.requestsTitle': '解封申请',
  'seal.noRequests': '还没有解封申请',
  'seal.idTail': '身份证号 ****{tail}',
  'seal.askedBy': '{name} 于 {at} 申请',
  'seal.someone': '（已删除的账号）',
  'seal.decidedBy': '{name} 于 {at} 处理',
  'seal.exemptUntil': '解封至 {date}',
  'seal.exemptAsked': '申请解封至 {date}（{n} 天）',
  'seal.waiting': '等待另一位管理员审批',
  'seal.approve': '批准',
  'seal.reject': '驳回',
  'seal.confirmApproveTitle': '批准解封？',
  'seal.confirmRejectTitle': '驳回解封申请？',
  'seal.confirmApprove': '以“{basis}”为由解封身份证号尾号 {tail} 的档案 {n} 天（至 {date}）。批准后该档案在此期间可被查阅。',
  'seal.confirmReject': '驳回以“{basis}”为由、解封 {n} 天（至 {date}）的申请。档案保持封存。',
  'seal.approved': '已批准，档案解封至 {date}',
  'seal.rejected': '已驳回，档案保持封存',

  'seal.basis.closed_years': '结案满期封存',
  'seal.basis.retention': '保存期满删除',
  'seal.basis.case_investigation': '办案需要',
  'seal.basis.statutory_query': '依规定查询',
  'seal.basis.person_request': '本人申请',
  'seal.basis.readmission': '再次入所',

  'seal.state.requested': '待审批',
  'seal.state.approved': '已批准',
  'seal.state.rejected': '已驳回',
  'seal.state.done': '已完成',
} as const;

export type SealingKey = keyof typeof zh;

const en: Readonly<Record<SealingKey, string>> = {
  'seal.title': 'Sealed records',
  'seal.intro1': 'A closed file is sealed {years} years after the case closed (Public Security Administration Punishments Law, art. 136).',
  'seal.intro2': 'A sealed record is in no list, search, export or employer view, but it is still counted in the statistics.',
  'seal.intro3':
    'It is opened only for a stated legal basis: one administrator asks, a second administrator approves, and it stays open for a limited number of days, then is sealed again.',
  'seal.count.sealed': 'Sealed',
  'seal.count.pending': 'Requests waiting',
  'seal.count.erased': 'Personal details erased',
  'seal.retentionTitle': 'Retention schedule',
  'seal.col.what': 'What',
  'seal.col.when': 'When',
  'seal.formTitle': 'Ask to unseal',
  'seal.formIntro':
    'The sealed record is found by the identity number. Another administrator must approve the request; you cannot approve your own.',
  'seal.identity': 'Identity number',
  'seal.identityHelp': '18 characters, as the request papers give it',
  'seal.basis': 'Legal basis',
  'seal.note': 'Reference (document number or note)',
  'seal.noteHelp': "e.g. the assistance letter's number, the querying unit and its letter. At least 4 characters.",
  'seal.noteMin': 'Give the reference (at least 4 characters)',
  'seal.days': 'Days unsealed',
  'seal.daysHelp': 'How many days the record can be read once approved (1–90); then it is sealed again.',
  'seal.daysRange': 'A whole number from 1 to 90',
  'seal.submit': 'Send request',
  'seal.submitted': 'Request sent; another administrator must approve it',
  'seal.requestsTitle': 'Unseal requests',
  'seal.noRequests': 'No unseal requests yet',
  'seal.idTail': 'ID ****{tail}',
  'seal.askedBy': 'Asked by {name}, {at}',
  'seal.someone': '(deleted account)',
  'seal.decidedBy': 'Decided by {name}, {at}',
  'seal.exemptUntil': 'Unsealed until {date}',
  'seal.exemptAsked': 'Asked to unseal until {date} ({n} days)',
  'seal.waiting': 'Waiting for another administrator to approve',
  'seal.approve': 'Approve',
  'seal.reject': 'Reject',
  'seal.confirmApproveTitle': 'Approve the unsealing?',
  'seal.confirmRejectTitle': 'Reject the request?',
  'seal.confirmApprove':
    'Unseal the record of ID ****{tail} on the basis “{basis}” for {n} days (until {date}). It can be read during that time.',
  'seal.confirmReject': 'Reject the request to unseal on the basis “{basis}” for {n} days (until {date}). The record stays sealed.',
  'seal.approved': 'Approved: the record is unsealed until {date}',
  'seal.rejected': 'Rejected: the record stays sealed',

  'seal.basis.closed_years': 'Closed long enough',
  'seal.basis.retention': 'Retention period over',
  'seal.basis.case_investigation': 'Needed for a case',
  'seal.basis.statutory_query': 'Query under state rules',
  'seal.basis.person_request': "The person's own request",
  'seal.basis.readmission': 'Admitted again',

  'seal.state.requested': 'Waiting',
  'seal.state.approved': 'Approved',
  'seal.state.rejected': 'Rejected',
  'seal.state.done': 'Done',
};

/** Days from the China date of `requestedAt` to `exemptUntil` (the `days` the requester asked for). */
export function askedDays(requestedAt: string, exemptUntil: string | null): number | null {
  if (!exemptUntil) return null;
  const from = Date.parse(`${chinaDate(new Date(requestedAt))}T00:00:00Z`);
  const to = Date.parse(`${exemptUntil}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to)) return null;
  return Math.round((to - from) / 86_400_000);
}

/** Open requests first, then the newest. */
export function openFirst(list: readonly UnsealRequestDto[]): UnsealRequestDto[] {
  return [...list].sort(
    (a, b) => Number(b.state === 'requested') - Number(a.state === 'requested') || b.requestedAt.localeCompare(a.requestedAt),
  );
}

@Injectable({ providedIn: 'root' })
export class SealingI18n extends FeatureI18n<SealingKey> {
  constructor() {
    super(zh, en);
  }

  /** 办案需要 / Needed for a case … (never the code). */
  readonly basisWords = (basis: SealBasis): string => this.t(`seal.basis.${basis}`);

  /** 待审批 / 已批准 / 已驳回. */
  readonly stateWords = (state: SealState): string => this.t(`seal.state.${state}`);
}
