import { SMS_TEMPLATE_KEYS, WECHAT_TEMPLATE_SLOTS, type SmsTemplateKey, type WechatTemplate } from '../../config/env';
import { SMS_TEMPLATES } from '../sms/sms-templates';
import { REVEALING_WORDS, revealingWordsIn } from '../trainee-notice-text';
import { wechatDate, wechatNotice } from './wechat-templates';

/** Beyond the shared list: words and place nouns a reminder must never carry (as for SMS). */
const ALSO_FORBIDDEN = ['吸毒', '毒品', '戒毒所', '强制隔离戒毒', '康复', '所', '监', '矫正', '派出所', '司法', '病'];
const forbiddenIn = (text: string): string[] => [...revealingWordsIn(text), ...ALSO_FORBIDDEN.filter((w) => text.includes(w))];

const TEMPLATES = Object.fromEntries(
  SMS_TEMPLATE_KEYS.map((k) => [
    k,
    { id: `T-${k}`, fields: WECHAT_TEMPLATE_SLOTS[k].map((s, i) => `${s === 'city' ? 'thing' : s}${i + 1}`) },
  ]),
) as Record<SmsTemplateKey, WechatTemplate>;
const CITIES = new Map([
  ['460100', '海口市'],
  ['460200', '三亚市'],
  ['469001', '五指山市'],
]);
const city = (code: string) => CITIES.get(code);
const TODAY = '2026-12-07';

describe('WeChat notices', () => {
  it('take the SMS templates’ parameters, one keyword per parameter', () => {
    for (const key of SMS_TEMPLATE_KEYS)
      if (key !== 'generic') expect({ key, slots: WECHAT_TEMPLATE_SLOTS[key] }).toEqual({ key, slots: SMS_TEMPLATES[key].params });
    // The generic notice carries the notice's date (WeChat has no template without a keyword).
    expect(WECHAT_TEMPLATE_SLOTS.generic).toEqual(['date']);
  });

  it('fill dates (with the year), times and city names; other kinds send nothing', () => {
    expect(wechatNotice('placement.interview', { at: '2026-12-09T06:30:00Z' }, city, TODAY, TEMPLATES)).toEqual({
      key: 'interview',
      data: { date1: '2026年12月9日', time2: '14:30' },
    });
    // 23:30 UTC is the next day in China.
    expect(wechatNotice('follow_up.visit_appointment', { at: '2026-12-09T23:30:00Z' }, city, TODAY, TEMPLATES)).toEqual({
      key: 'visit',
      data: { date1: '2026年12月10日', time2: '07:30' },
    });
    expect(wechatNotice('fair.reminder', { date: '2026-12-08', divisionCode: '460200' }, city, TODAY, TEMPLATES)).toEqual({
      key: 'fair_day',
      data: { date1: '2026年12月8日', thing2: '三亚市' },
    });
    expect(wechatNotice('plan.step_due', { date: '2027-01-02' }, city, TODAY, TEMPLATES)).toEqual({
      key: 'plan_step',
      data: { date1: '2027年1月2日' },
    });
    expect(wechatNotice('placement.offer', { date: '2026-12-08' }, city, TODAY, TEMPLATES)).toBeUndefined();
  });

  it('uses the configured keyword names', () => {
    const custom = { ...TEMPLATES, fair_day: { id: 'X', fields: ['date3', 'thing7'] } };
    expect(wechatNotice('fair.reminder', { date: '2026-12-08', divisionCode: '460100' }, city, TODAY, custom)?.data).toEqual({
      date3: '2026年12月8日',
      thing7: '海口市',
    });
  });

  it('fall back to the generic notice, dated today, when a value is not of the controlled vocabulary', () => {
    const generic = { key: 'generic', data: { date1: '2026年12月7日' } };
    expect(wechatNotice('fair.reminder', { date: '2026-12-08', divisionCode: '海口强制隔离戒毒所' }, city, TODAY, TEMPLATES)).toEqual(
      generic,
    );
    expect(wechatNotice('fair.reminder', { date: '2026-12-08', divisionCode: '999999' }, city, TODAY, TEMPLATES)).toEqual(generic);
    expect(wechatNotice('placement.interview', { at: '明天 戒毒所' }, city, TODAY, TEMPLATES)).toEqual(generic);
    expect(wechatNotice('plan.step_due', { date: '2026-02-30' }, city, TODAY, TEMPLATES)).toEqual(generic);
    expect(wechatNotice('plan.step_due', undefined, city, TODAY, TEMPLATES)).toEqual(generic);
  });

  it('carry no rehab word in any value a date, time or city keyword can take', () => {
    expect(REVEALING_WORDS.length).toBeGreaterThan(10);
    const values: string[] = [];
    // Every day of a leap year, and every minute of a day.
    for (let d = new Date(Date.UTC(2028, 0, 1)); d.getUTCFullYear() === 2028; d = new Date(d.getTime() + 86_400_000)) {
      const v = wechatDate(d.toISOString().slice(0, 10));
      expect(v).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
      values.push(v);
    }
    for (let m = 0; m < 24 * 60; m += 1) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString();
      const notice = wechatNotice('placement.interview', { at }, city, TODAY, TEMPLATES)!;
      expect(notice.data.time2).toMatch(/^\d{2}:\d{2}$/);
      values.push(...Object.values(notice.data));
    }
    for (const code of CITIES.keys())
      values.push(
        ...Object.values(wechatNotice('fair.reminder', { date: '2026-12-08', divisionCode: code }, city, TODAY, TEMPLATES)!.data),
      );
    for (const v of values) expect({ v, words: forbiddenIn(v) }).toEqual({ v, words: [] });
  });
});
