import type { Role } from '../common/role';

/**
 * Every kind of notice the platform sends, grouped the way a person would choose them. A user may
 * turn a group off; the in-app record is then not made for them (deduplication is per event anyway).
 * `roles` are the roles a group's notices go to: the preferences page offers a person only those.
 */
export const NOTIFICATION_GROUPS = {
  learning: {
    zh: '学习：报名结果、候补转正',
    en: 'Learning: enrolment decisions, waitlist places',
    roles: ['trainee'],
    kinds: ['enrolment.promoted', 'enrolment.decided'],
  },
  jobs: {
    zh: '工作：推荐、面试、录用',
    en: 'Jobs: recommendations, interviews, offers',
    roles: ['trainee', 'employer'],
    kinds: [
      'placement.recommended',
      'placement.accepted',
      'placement.interview',
      'placement.offer',
      'placement.hired',
      'placement.candidate',
    ],
  },
  fairs: {
    zh: '招聘会：报名、展位、面试邀请、意向书、开场前一天提醒',
    en: 'Fairs: registration, booths, interview invitations, intents, a reminder the day before',
    roles: ['trainee', 'employer'],
    kinds: ['fair.registered', 'fair.booth_decision', 'fair.interview_invitation', 'fair.intent', 'fair.reminder'],
  },
  followUps: {
    zh: '回访：分派、到期和逾期提醒',
    en: 'Follow-ups: assignments, visits due today and overdue',
    roles: ['counsellor', 'admin'],
    kinds: ['follow_up.assigned', 'follow_up.due', 'follow_up.overdue', 'supervision.lost_contact'],
  },
  handovers: {
    zh: '出所衔接：交接请求和结果',
    en: 'Handovers: requests to receive someone, and the answer',
    roles: ['counsellor'],
    kinds: [
      'handover.requested',
      'handover.accepted',
      'handover.rejected',
      // Transfers between community stations (转移监管): the same kind of question between two stations.
      'supervision.transfer_requested',
      'supervision.transfer_accepted',
      'supervision.transfer_rejected',
      'supervision.transfer_cancelled',
    ],
  },
  reminders: {
    zh: '提醒：预约和到期的事项',
    en: 'Reminders: appointments and things due',
    roles: ['trainee'],
    kinds: ['plan.step_due', 'follow_up.visit_appointment'],
  },
} as const satisfies Record<string, { zh: string; en: string; roles: readonly Role[]; kinds: readonly string[] }>;

export type NotificationGroup = keyof typeof NOTIFICATION_GROUPS;
export const NOTIFICATION_GROUP_KEYS = Object.keys(NOTIFICATION_GROUPS) as NotificationGroup[];

export function groupOf(kind: string): NotificationGroup | null {
  for (const g of NOTIFICATION_GROUP_KEYS) if ((NOTIFICATION_GROUPS[g].kinds as readonly string[]).includes(kind)) return g;
  return null;
}

/** The groups whose notices can reach someone of this role. */
export function groupsFor(role: Role): NotificationGroup[] {
  return NOTIFICATION_GROUP_KEYS.filter((g) => (NOTIFICATION_GROUPS[g].roles as readonly Role[]).includes(role));
}
