import { Injectable } from '@angular/core';
import { FeatureI18n } from '../../core/i18n/feature-i18n';

/** The security administrator's words (their pages and home), shipped with those pages. */
const zh = {
  'perm.title': '权限管理',
  'perm.intro': '为辅导员和系统管理员授予或收回额外权限。每次变更都需写明原因，并记入操作日志，由审计管理员查阅。',
  'perm.col.permissions': '额外权限',
  'perm.none': '无',
  'perm.edit': '修改权限',
  'perm.editTitle': '修改 {name} 的权限',
  'perm.notForRole': '此角色不能持有额外权限',
  'perm.reason': '原因',
  'perm.reasonHelp': '如审批文号；审计管理员可见',
  'perm.reasonRequired': '请写明原因（至少 2 个字）',
  'perm.saved': '已更新 {name} 的权限',
  'perm.unchanged': '权限没有变化',
  'perm.identity.unmask': '查看完整身份证号',
  'perm.identity.unmask.help': '可查看学员完整的身份证号码（每次查看都会记录）',
  'perm.station.head': '指导站站长',
  'perm.station.head.help': '接收本站逾期回访的提醒',
  'perm.home.title': '安全管理',
  'perm.home.duty': '您是安全管理员：负责授予和收回账号的额外权限。账号的新建、停用和重置密码由系统管理员办理；操作日志由审计管理员查阅。',
  'perm.home.go': '去管理权限',
} as const;

export type PermissionsKey = keyof typeof zh;

const en: Readonly<Record<PermissionsKey, string>> = {
  'perm.title': 'Permissions',
  'perm.intro':
    'Grant or revoke extra permissions of counsellors and system administrators. Every change needs a reason and is recorded in the audit log, which the audit administrator reads.',
  'perm.col.permissions': 'Extra permissions',
  'perm.none': 'None',
  'perm.edit': 'Change permissions',
  'perm.editTitle': 'Permissions of {name}',
  'perm.notForRole': 'This role cannot hold extra permissions',
  'perm.reason': 'Reason',
  'perm.reasonHelp': 'E.g. the approval number; the audit administrator sees it',
  'perm.reasonRequired': 'Please give a reason (at least 2 characters)',
  'perm.saved': 'Permissions of {name} updated',
  'perm.unchanged': 'The permissions did not change',
  'perm.identity.unmask': 'See full identity numbers',
  'perm.identity.unmask.help': 'May reveal a trainee’s full identity number (every reveal is recorded)',
  'perm.station.head': 'Station head',
  'perm.station.head.help': 'Receives reminders of overdue follow-up visits at their station',
  'perm.home.title': 'Security administration',
  'perm.home.duty':
    'You are the security administrator: you grant and revoke accounts’ extra permissions. The system administrator creates, disables and resets accounts; the audit administrator reads the audit log.',
  'perm.home.go': 'Manage permissions',
};

@Injectable({ providedIn: 'root' })
export class PermissionsI18n extends FeatureI18n<PermissionsKey> {
  constructor() {
    super(zh, en);
  }
}
