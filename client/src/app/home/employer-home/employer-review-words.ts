import { Injectable } from '@angular/core';
import { FeatureI18n } from '../../core/i18n/feature-i18n';

/**
 * The words of the page an employer sees while its organisation is not verified (staff voice: 您/贵单位).
 * It says what was submitted, what happens next and whom to ask — and why orders and fairs are not
 * there yet, so the empty menu does not look like a fault.
 */
export const employerReviewZh = {
  'title.pending': '贵单位的资料正在审核中',
  'title.rejected': '贵单位的资料没有通过审核',
  'title.inactive': '贵单位的账号已停用',
  'lead.pending':
    '省戒毒管理局会核对贵单位的资料，一般在3个工作日内完成。审核通过后，发布用工订单、参加招聘会等功能会自动开放，无需重新登录。',
  'lead.rejected': '请按下面的原因核对资料，再联系省戒毒管理局重新审核。',
  'lead.inactive': '发布订单、参加招聘会等功能已关闭。如有疑问，请联系省戒毒管理局。',
  reason: '原因：{reason}',
  submitted: '您提交的资料',
  'field.name': '单位名称',
  'field.creditCode': '统一社会信用代码',
  'field.creditCodeCheck': '代码未通过自动校验，将由管理员人工核对',
  'field.division': '所在市县',
  'field.contactName': '联系人',
  'field.contactPhone': '联系电话',
  'field.submittedAt': '提交时间',
  'field.empty': '未填写',
  next: '接下来会怎样',
  'next.pending1': '管理员核对单位名称、信用代码与营业执照是否一致，可能会打电话给上面的联系人核实。',
  'next.pending2': '审核结果会通过“消息”通知您，这个页面也会随之更新。',
  'next.pending3': '通过后即可发布用工订单、申请招聘会展位；在此之前，平台不会向贵单位展示任何学员或招聘会信息。',
  'next.rejected1': '核对单位名称、信用代码是否与营业执照完全一致。',
  'next.rejected2': '联系省戒毒管理局，说明情况后由管理员重新审核。',
  contact: '联系谁',
  'contact.text': '资料有误或等待时间较长，请联系省戒毒管理局（平台管理员），并说明单位名称和登录用户名 {username}。',
  'contact.account': '修改登录密码请到“我的账号”。',
} as const;

export type EmployerReviewKey = keyof typeof employerReviewZh;

export const employerReviewEn: Readonly<Record<EmployerReviewKey, string>> = {
  'title.pending': 'Your organisation’s details are being reviewed',
  'title.rejected': 'Your organisation’s details were not verified',
  'title.inactive': 'Your organisation’s account is deactivated',
  'lead.pending':
    'The provincial bureau checks your details, usually within 3 working days. Once verified, posting job orders and joining job fairs open automatically — no need to sign in again.',
  'lead.rejected': 'Check your details against the reason below, then contact the provincial bureau to be reviewed again.',
  'lead.inactive': 'Posting orders and joining fairs are closed. Contact the provincial bureau if you have questions.',
  reason: 'Reason: {reason}',
  submitted: 'What you submitted',
  'field.name': 'Company name',
  'field.creditCode': 'Unified social credit code',
  'field.creditCodeCheck': 'The code failed the automatic check; an administrator will check it by hand',
  'field.division': 'City or county',
  'field.contactName': 'Contact person',
  'field.contactPhone': 'Contact phone',
  'field.submittedAt': 'Submitted',
  'field.empty': 'Not given',
  next: 'What happens next',
  'next.pending1': 'An administrator checks the name and credit code against your business licence, and may call the contact person above.',
  'next.pending2': 'You will get a message with the result, and this page will update.',
  'next.pending3':
    'Once verified you can post job orders and apply for fair booths; until then the platform shows your organisation no trainee or fair information.',
  'next.rejected1': 'Check that the name and credit code match your business licence exactly.',
  'next.rejected2': 'Contact the provincial bureau; an administrator will review your organisation again.',
  contact: 'Whom to contact',
  'contact.text':
    'If a detail is wrong or the review takes long, contact the provincial bureau (the platform’s administrators) and give your company name and your user name {username}.',
  'contact.account': 'To change your password, go to “My account”.',
};

@Injectable({ providedIn: 'root' })
export class EmployerReviewI18n extends FeatureI18n<EmployerReviewKey> {
  constructor() {
    super(employerReviewZh, employerReviewEn);
  }
}
