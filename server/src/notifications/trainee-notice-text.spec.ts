import {
  TRAINEE_DEFAULT_NOTICE,
  TRAINEE_NOTICE_EVENTS,
  TRAINEE_NOTICES,
  TRANSPORT_TEXT,
  revealingWordsIn,
  traineeNotice,
} from './trainee-notice-text';

/** Every title a trainee can read in the inbox, by kind (and event). */
const traineeTitles = (): [string, string][] => [
  ['default', TRAINEE_DEFAULT_NOTICE.zh],
  // placement.candidate goes to employers (a new candidate on their order), in the staff register.
  ...Object.entries(TRAINEE_NOTICES)
    .filter(([kind]) => kind !== 'placement.candidate')
    .map(([kind, text]): [string, string] => [kind, text.zh]),
  ...Object.entries(TRAINEE_NOTICE_EVENTS).flatMap(([kind, events]) =>
    events.map(([prefix, text]): [string, string] => [`${kind} ${prefix}`, text.zh]),
  ),
];

describe('what a trainee reads in the inbox', () => {
  it('speaks the trainee portal’s register (你, never 您), as the portal’s pages do', () => {
    expect(traineeTitles().filter(([, zh]) => zh.includes('您'))).toEqual([]);
    expect(traineeTitles().filter(([, zh]) => zh.includes('你')).length).toBeGreaterThan(15);
  });

  it('names no employer, place or programme: the same fixed words whatever the event carried', () => {
    expect(traineeTitles().flatMap(([kind, zh]) => revealingWordsIn(zh).map((w) => `${kind}: ${w}`))).toEqual([]);
    expect(traineeNotice('placement.offer', 'placement.offer:123')).toBe(TRAINEE_NOTICES['placement.offer']);
    expect(traineeNotice('enrolment.decided', 'diploma:abc').zh).toContain('毕业');
  });

  it('the text that leaves the app (SMS, push) is one sentence for everyone, staff included, in the formal register', () => {
    expect(TRANSPORT_TEXT.zh).toBe('您有一条新消息，请打开应用查看');
    expect(revealingWordsIn(TRANSPORT_TEXT.zh)).toEqual([]);
  });
});
