import { Injectable } from '@angular/core';
import { FeatureI18n } from '../../core/i18n/feature-i18n';

/** The job queue page's words (Chinese first), shipped with the page. */
const zh = {
  'jobs.title': '后台任务',
  'jobs.intro':
    '这里列出重试用尽后仍然失败的后台任务（消息推送、定时任务）。只显示编号和错误信息，不含姓名或电话。排除故障后可点击“重试”再执行一次。',
  'jobs.col.name': '任务',
  'jobs.col.attempts': '尝试次数',
  'jobs.col.lastError': '最后一次错误',
  'jobs.col.failedAt': '失败时间',
  'jobs.col.refs': '涉及编号',
  'jobs.col.actions': '操作',
  'jobs.retry': '重试',
  'jobs.retryConfirm': '再执行一次这个任务？',
  'jobs.retried': '已重新排队',
  'jobs.deadLettered': '已转入死信队列',
  'jobs.none': '没有失败的任务',
  'jobs.refresh': '刷新',
  'jobs.name.notification-delivery': '消息推送',
  'jobs.name.notification-delivery-failed': '推送死信',
  'jobs.name.pre-release': '开启出所前准备',
  'jobs.name.follow-up-reminders': '回访到期提醒',
  'jobs.name.follow-up-escalation': '逾期回访上报',
  'jobs.name.fair-reminders': '招聘会前一天提醒',
  'jobs.name.housekeeping': '数据清理',
} as const;

export type JobsKey = keyof typeof zh;

const en: Readonly<Record<JobsKey, string>> = {
  'jobs.title': 'Background jobs',
  'jobs.intro':
    'Background jobs (message delivery, scheduled jobs) that still failed after their retries. Only ids and the error are shown, never names or phone numbers. Once the cause is fixed, "Retry" runs a job once more.',
  'jobs.col.name': 'Job',
  'jobs.col.attempts': 'Attempts',
  'jobs.col.lastError': 'Last error',
  'jobs.col.failedAt': 'Failed at',
  'jobs.col.refs': 'Ids',
  'jobs.col.actions': 'Actions',
  'jobs.retry': 'Retry',
  'jobs.retryConfirm': 'Run this job once more?',
  'jobs.retried': 'Queued again',
  'jobs.deadLettered': 'Moved to the dead-letter queue',
  'jobs.none': 'No failed jobs',
  'jobs.refresh': 'Refresh',
  'jobs.name.notification-delivery': 'Message delivery',
  'jobs.name.notification-delivery-failed': 'Delivery dead letter',
  'jobs.name.pre-release': 'Opening pre-release',
  'jobs.name.follow-up-reminders': 'Follow-up reminders',
  'jobs.name.follow-up-escalation': 'Overdue follow-up escalation',
  'jobs.name.fair-reminders': 'Job fair reminders',
  'jobs.name.housekeeping': 'Housekeeping',
};

@Injectable({ providedIn: 'root' })
export class JobsI18n extends FeatureI18n<JobsKey> {
  constructor() {
    super(zh, en);
  }

  /** A queue's name in words; the queue's own name when it has none. */
  jobName(name: string): string {
    const key = `jobs.name.${name}`;
    return Object.hasOwn(zh, key) ? this.t(key as JobsKey) : name;
  }
}
