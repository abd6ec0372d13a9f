/**
 * Every kind of notice the platform sends, grouped the way a person would choose them. A user may
 * turn a group off; the in-app record is then not made for them (deduplication is per event anyway).
 */
export const NOTIFICATION_GROUPS = {
  learning: {
    zh: '学习：报名结果、候补转正',
    en: 'Learning: enrolment decisions, waitlist places',
    kinds: ['enrolment.promoted', 'enrolment.decided'],
  },
  jobs: {
    zh: '工作：推荐、面试、录用',
    en: 'Jobs: recommendations, interviews, offers',
    kinds: ['placement.recommended', 'placement.accepted', 'placement.interview', 'placement.offer', 'placement.hired'],
  },
  fairs: {
    zh: '招聘会：报名、展位、面试邀请、意向书',
    en: 'Fairs: registration, booths, interview invitations, intents',
    kinds: ['fair.registered', 'fair.booth_decision', 'fair.interview_invitation', 'fair.intent'],
  },
  followUps: {
    zh: '回访：分派和逾期提醒',
    en: 'Follow-ups: assignments and overdue visits',
    kinds: ['follow_up.assigned', 'follow_up.overdue'],
  },
} as const;

export type NotificationGroup = keyof typeof NOTIFICATION_GROUPS;
export const NOTIFICATION_GROUP_KEYS = Object.keys(NOTIFICATION_GROUPS) as NotificationGroup[];

export function groupOf(kind: string): NotificationGroup | null {
  for (const g of NOTIFICATION_GROUP_KEYS) if ((NOTIFICATION_GROUPS[g].kinds as readonly string[]).includes(kind)) return g;
  return null;
}
