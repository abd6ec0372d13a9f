import { mfaZh } from '../../account/mfa/mfa-words';
import { activateZh } from '../../activate/activate-words';
import { fairsZh } from '../../fairs/fairs-zh';
import { followUpsZh } from '../../follow-ups/follow-ups-zh';
import { supervisionZh } from '../../follow-ups/transfers/supervision-zh';
import { employerReviewZh } from '../../home/employer-home/employer-review-words';
import { traineeHomeZh } from '../../home/trainee-home/trainee-home-words';
import { learningZh } from '../../learning/learning-zh';
import { MATCHING_ZH } from '../../matching/matching-words';
import { notificationsZh } from '../../notifications/notifications-zh';
import { ordersZh } from '../../orders/orders-zh';
import { portalZh } from '../../portal/portal-zh';
import { reportsZh } from '../../reports/reports-zh';
import { activationZh } from '../../trainees/activation/activation-zh';
import { planZh } from '../../trainees/plan/plan-zh';
import { traineesZh } from '../../trainees/trainees-zh';
import { GLOSSARY, REGISTER } from './glossary';
import { zh } from './zh';

/**
 * Every Chinese dictionary, and which of its keys the trainee reads (the portal, the trainee's home,
 * the activation page and slip, the trainee's side of jobs, fairs, learning and matching). The rest is
 * read by staff, employers included, and by anyone on the shared sign-in page.
 */
const DICTIONARIES: readonly { name: string; words: object; trainee: (key: string) => boolean }[] = [
  { name: 'core', words: zh, trainee: (k) => k.startsWith('home.trainee.') || k === 'privacy.line' },
  { name: 'trainee home', words: traineeHomeZh, trainee: () => true },
  { name: 'portal', words: portalZh, trainee: () => true },
  { name: 'activate', words: activateZh, trainee: () => true },
  { name: 'activation slip', words: activationZh, trainee: (k) => k.startsWith('slip.') },
  { name: 'orders', words: ordersZh, trainee: (k) => k.startsWith('jobs.') },
  { name: 'fairs', words: fairsZh, trainee: (k) => k.startsWith('trainee.') },
  { name: 'trainees', words: traineesZh, trainee: (k) => /^(me|myCl|myCon|privacy|myData)\./.test(k) },
  {
    name: 'learning',
    words: learningZh,
    trainee: (k) => /^(myClass|myCourses|browse|recommend)\./.test(k) || /^audit\..*You$/.test(k),
  },
  { name: 'matching', words: MATCHING_ZH, trainee: (k) => /^my[A-Z]/.test(k) },
  { name: 'mfa', words: mfaZh, trainee: () => false },
  { name: 'employer review', words: employerReviewZh, trainee: () => false },
  { name: 'follow-ups', words: followUpsZh, trainee: () => false },
  { name: 'supervision', words: supervisionZh, trainee: () => false },
  { name: 'notifications', words: notificationsZh, trainee: () => false },
  { name: 'reports', words: reportsZh, trainee: () => false },
  { name: 'plan', words: planZh, trainee: () => false },
];

/** Words that name a concept of the glossary with a synonym, or name the rehab history of a person. */
const NOT_OUR_WORDS: readonly { word: string; use: string }[] = [
  { word: '指导员', use: GLOSSARY.counsellor.zh },
  { word: '管教', use: GLOSSARY.counsellor.zh },
  { word: '走访', use: GLOSSARY.followUp.zh },
  { word: '随访', use: GLOSSARY.followUp.zh },
  { word: '社区康复站', use: GLOSSARY.communityStation.zh },
  { word: '戒毒人员', use: GLOSSARY.trainee.zh },
  { word: '吸毒人员', use: GLOSSARY.trainee.zh },
  { word: '企业', use: GLOSSARY.employer.zh },
  { word: '公司', use: GLOSSARY.employer.zh },
];

/** A dictionary's words by dotted key (some group their words in nested objects). */
const flatten = (words: object, prefix = ''): [string, string][] =>
  Object.entries(words).flatMap(([key, value]: [string, unknown]) =>
    typeof value === 'string'
      ? [[prefix + key, value] as [string, string]]
      : value && typeof value === 'object'
        ? flatten(value, `${prefix}${key}.`)
        : [],
  );

const entries = () =>
  DICTIONARIES.flatMap(({ name, words, trainee }) => flatten(words).map(([key, text]) => ({ name, key, text, trainee: trainee(key) })));

describe('one register and one word per concept (docs/words.md)', () => {
  it('staff words address the reader as 您, never 你', () => {
    const wrong = entries()
      .filter((e) => !e.trainee && e.text.includes(REGISTER.trainee))
      .map((e) => `${e.name} ${e.key}: ${e.text}`);
    expect(wrong).toEqual([]);
  });

  it('the trainee is addressed as 你, never 您', () => {
    const trainee = entries().filter((e) => e.trainee);
    // The classification above is not empty: each trainee dictionary contributes its keys.
    expect(trainee.length).toBeGreaterThan(150);
    const wrong = trainee.filter((e) => e.text.includes(REGISTER.staff)).map((e) => `${e.name} ${e.key}: ${e.text}`);
    expect(wrong).toEqual([]);
  });

  it('no dictionary uses a synonym the glossary rules out', () => {
    const wrong = entries().flatMap((e) =>
      NOT_OUR_WORDS.filter(({ word }) => e.text.includes(word)).map(({ word, use }) => `${e.name} ${e.key}: "${word}" (use ${use})`),
    );
    expect(wrong).toEqual([]);
  });
});
