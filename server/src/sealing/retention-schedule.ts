import type { AppConfig } from '../config/env';
import type { RetentionRuleDto } from './dto/sealing.dto';

/** The retention rules the sealing job carries out, in order. Each run audits how many rows each touched. */
export const RETENTION_RULES = ['activation_codes', 'sms_deliveries', 'sealed_personal_data'] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];

/** Spent activation codes are kept this long (to answer "was my code used?"), then deleted. */
export const ACTIVATION_CODE_KEEP_DAYS = 90;
/** SMS delivery statuses are kept this long (to answer "did the reminder go?"), then deleted. */
export const SMS_DELIVERY_KEEP_DAYS = 180;

/** The schedule in words, as the administrators' page and docs/privacy.md give it. */
export function retentionSchedule(config: AppConfig): RetentionRuleDto[] {
  return [
    {
      key: 'sealed_record',
      whatZh: '结案档案封存：不再出现在任何列表、搜索、导出和用人单位页面；汇总报表仍计入',
      whatEn: 'A closed file is sealed: out of every list, search, export and employer view; still counted in aggregate reports',
      whenZh: `结案满 ${config.sealAfterYears} 年`,
      whenEn: `${config.sealAfterYears} years after the case closed`,
    },
    {
      key: 'sealed_personal_data',
      whatZh: '封存档案的个人信息（姓名、身份证号、电话、所有文字记录、检测结果）删除，只留统计所需的日期和代码',
      whatEn:
        'A sealed record’s personal details (name, identity number, phone, every note, test results) are erased; the dates and codes the statistics need stay',
      whenZh: `封存满 ${config.retentionSealedYears} 年`,
      whenEn: `${config.retentionSealedYears} years after sealing`,
    },
    {
      key: 'activation_codes',
      whatZh: '已使用、作废或过期的激活码',
      whatEn: 'Activation codes used, replaced or expired',
      whenZh: `${ACTIVATION_CODE_KEEP_DAYS} 天后删除`,
      whenEn: `deleted after ${ACTIVATION_CODE_KEEP_DAYS} days`,
    },
    {
      key: 'sms_deliveries',
      whatZh: '短信发送状态记录',
      whatEn: 'SMS delivery statuses',
      whenZh: `${SMS_DELIVERY_KEEP_DAYS} 天后删除`,
      whenEn: `deleted after ${SMS_DELIVERY_KEEP_DAYS} days`,
    },
    {
      key: 'audit_log',
      whatZh: '审计日志（先归档）',
      whatEn: 'The audit log (archived first)',
      whenZh: `${config.auditRetentionDays} 天后删除`,
      whenEn: `deleted after ${config.auditRetentionDays} days`,
    },
  ];
}
