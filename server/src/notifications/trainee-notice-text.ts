/**
 * What a notice to a trainee says. A trainee's phone is shown to employers and family, and its lock
 * screen is seen by anyone nearby, so a trainee is never told anything in words chosen by the caller:
 * the inbox title is a fixed text per kind (the page it links to has the detail, one tap in), and what
 * leaves the app (SMS, WeChat, a lock screen) says only that there is a message — for everyone, since
 * a counsellor's notices name trainees beside the words of the programme.
 *
 * None of these texts may name an organisation or carry a word of the programme; the product's own
 * name (金不换) is the programme's name too, so it is not used either. `REVEALING_WORDS` is the list
 * the tests hold them to.
 */

export interface NoticeText {
  readonly zh: string;
  readonly en: string;
}

/** The words that would tell a bystander someone went through compulsory rehabilitation. */
export const REVEALING_WORDS: readonly string[] = [
  '金不换',
  '戒毒',
  '强制隔离',
  '隔离',
  '戒治',
  '所',
  '康复',
  '社区康复',
  '出所',
  '回访',
  '禁毒',
  '指导站',
  '指导员',
  '社工',
  '学员',
  'rehab',
  'drug',
  'release',
  'facility',
  'detention',
  'station',
  'follow-up',
  'trainee',
  'counsellor',
];

/** Whether a text carries any of `REVEALING_WORDS` (case-insensitive). */
export function revealingWordsIn(text: string): string[] {
  const lower = text.toLowerCase();
  return REVEALING_WORDS.filter((w) => lower.includes(w.toLowerCase()));
}

/** The only text that leaves the app, whoever it is for. */
export const TRANSPORT_TEXT: NoticeText = {
  zh: '您有一条新消息，请打开应用查看',
  en: 'You have a new message. Open the app to read it.',
};

/** A kind with no text of its own below. */
export const TRAINEE_DEFAULT_NOTICE: NoticeText = {
  zh: '你有一条新消息，请打开查看',
  en: 'You have a new message: open it to see more',
};

/**
 * The inbox title a trainee sees, per kind: every kind of a group that reaches trainees (`NOTIFICATION_GROUPS`).
 * In the trainee portal's register, 你 (docs/words.md); the transport text above goes to everyone and keeps 您.
 */
export const TRAINEE_NOTICES: Readonly<Record<string, NoticeText>> = {
  'enrolment.promoted': { zh: '候补转正：你已获得课程名额', en: 'Off the waitlist: you have a place on a course' },
  'enrolment.decided': { zh: '你的学习报名有了新进展，请打开查看', en: 'News about your classes: open it to see more' },
  'placement.recommended': { zh: '有一份工作推荐给你，请查看并决定是否接受', en: 'A job is suggested for you: take a look and decide' },
  'placement.accepted': {
    zh: '你已接受一份工作推荐，单位会联系你安排面试',
    en: 'You accepted a job suggestion: the employer will call to arrange an interview',
  },
  'placement.interview': { zh: '你收到一个面试邀请，请查看时间和地点', en: 'You are invited to an interview: see when and where' },
  'placement.offer': { zh: '你收到一份录用意向，请打开查看', en: 'You have a job offer: open it to see more' },
  'placement.hired': { zh: '恭喜！你的入职已确认', en: 'Congratulations: your new job is confirmed' },
  // Sent to employers only (a new candidate on their order); a trainee would read this.
  'placement.candidate': { zh: '您有一条工作消息，请打开查看', en: 'News about a job: open it to see more' },
  'fair.registered': { zh: '你已报名一场招聘会，当天请出示签到码', en: 'You are signed up for a job fair: show your code at the desk' },
  'fair.booth_decision': { zh: '招聘会有新消息，请打开查看', en: 'News about a job fair: open it to see more' },
  'fair.interview_invitation': {
    zh: '招聘会上有单位邀请你面试，请确认',
    en: 'An employer at the job fair invites you to an interview: please answer',
  },
  'fair.intent': { zh: '招聘会上有单位希望录用你，请查看并确认', en: 'An employer at the job fair wants to hire you: see it and answer' },
  'fair.reminder': { zh: '明天有你报名的招聘会，请带好签到码', en: 'Your job fair is tomorrow: bring your check-in code' },
  // Reminders: neither says what the appointment or the thing due is (the page behind it does).
  'follow_up.visit_appointment': { zh: '你有一个新的预约，请打开查看时间', en: 'You have a new appointment: open it to see when' },
  'plan.step_due': { zh: '你有一件事明天到期，请打开查看', en: 'Something of yours is due tomorrow: open it to see what' },
};

/**
 * Finer fixed texts for one event of a kind, told apart by the event's dedupe key (an identifier the
 * caller builds, never its wording): the diploma is news worth saying plainly. An unknown key gets the
 * kind's text.
 */
export const TRAINEE_NOTICE_EVENTS: Readonly<Record<string, readonly (readonly [keyPrefix: string, text: NoticeText])[]>> = {
  'enrolment.decided': [
    ['diploma:', { zh: '恭喜毕业！你的中专毕业证书已颁发', en: 'Congratulations: your diploma has been issued' }],
    ['class-approve:', { zh: '入学申请已通过', en: 'Your class application was approved' }],
    ['class-waitlist:', { zh: '班级已满，你在候补名单中', en: 'The class is full: you are on the waitlist' }],
    ['class-reject:', { zh: '入学申请未通过', en: 'Your class application was not approved' }],
    ['class-promoted:', { zh: '候补转正：你已获得班级名额', en: 'Off the waitlist: you have a place in the class' }],
  ],
};

/** The title a trainee sees for a notice of this kind (and, where it tells events apart, this dedupe key). */
export function traineeNotice(kind: string, dedupeKey = ''): NoticeText {
  const events = Object.hasOwn(TRAINEE_NOTICE_EVENTS, kind) ? TRAINEE_NOTICE_EVENTS[kind]! : [];
  const event = events.find(([prefix]) => dedupeKey.startsWith(prefix));
  if (event) return event[1];
  return Object.hasOwn(TRAINEE_NOTICES, kind) ? TRAINEE_NOTICES[kind]! : TRAINEE_DEFAULT_NOTICE;
}
