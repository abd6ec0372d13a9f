import { SMS_TEMPLATE_KEYS } from '../../config/env';
import { REVEALING_WORDS, revealingWordsIn } from '../trainee-notice-text';
import { SMS_TEMPLATES, fillParams, formatDate, render, templateFor } from './sms-templates';

/** Beyond the shared list: words and place nouns an SMS must never carry. */
const ALSO_FORBIDDEN = ['吸毒', '毒品', '戒毒所', '强制隔离戒毒', '康复', '所', '监', '矫正', '派出所', '司法', '病'];

const forbiddenIn = (text: string): string[] => [...revealingWordsIn(text), ...ALSO_FORBIDDEN.filter((w) => text.includes(w))];

describe('SMS templates', () => {
  it('has a template for every key the configuration asks an id for, and no other', () => {
    expect(Object.keys(SMS_TEMPLATES).sort()).toEqual([...SMS_TEMPLATE_KEYS].sort());
    for (const [key, t] of Object.entries(SMS_TEMPLATES)) expect(t.key).toBe(key);
  });

  it('carries no revealing word in any text', () => {
    expect(REVEALING_WORDS.length).toBeGreaterThan(10);
    for (const t of Object.values(SMS_TEMPLATES)) expect({ key: t.key, words: forbiddenIn(t.text) }).toEqual({ key: t.key, words: [] });
  });

  it('numbers its parameters 1…n, one per declared slot', () => {
    for (const t of Object.values(SMS_TEMPLATES)) {
      const used = [...t.text.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])).sort();
      expect(used).toEqual(t.params.map((_, i) => i + 1));
    }
  });

  it('maps the reminder kinds, each to one template', () => {
    expect(templateFor('placement.interview')?.key).toBe('interview');
    expect(templateFor('fair.interview_invitation')?.key).toBe('interview');
    expect(templateFor('fair.reminder')?.key).toBe('fair_day');
    expect(templateFor('plan.step_due')?.key).toBe('plan_step');
    expect(templateFor('follow_up.visit_appointment')?.key).toBe('visit');
    expect(templateFor('placement.offer')).toBeUndefined();
    const kinds = Object.values(SMS_TEMPLATES).flatMap((t) => t.kinds);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it('fills only dates, times and known city names; anything else is refused', () => {
    const cities = new Map([['460100', '海口市']]);
    const city = (code: string) => cities.get(code);
    expect(fillParams(SMS_TEMPLATES.interview, { at: '2026-12-07T06:30:00Z' }, city)).toEqual(['12月7日', '14:30']);
    expect(fillParams(SMS_TEMPLATES.fair_day, { date: '2026-12-08', divisionCode: '460100' }, city)).toEqual(['12月8日', '海口市']);
    expect(fillParams(SMS_TEMPLATES.plan_step, { date: '2026-02-30' }, city)).toBeNull();
    expect(fillParams(SMS_TEMPLATES.fair_day, { date: '2026-12-08', divisionCode: '海口强制隔离戒毒所' }, city)).toBeNull();
    expect(fillParams(SMS_TEMPLATES.fair_day, { date: '2026-12-08', divisionCode: '999999' }, city)).toBeNull();
    expect(fillParams(SMS_TEMPLATES.interview, { at: '明天 戒毒所' }, city)).toBeNull();
    expect(fillParams(SMS_TEMPLATES.interview, undefined, city)).toBeNull();
    expect(fillParams(SMS_TEMPLATES.generic, undefined, city)).toEqual([]);
    expect(render(SMS_TEMPLATES.interview, ['12月7日', '14:30'])).toBe('您有一项面试安排：12月7日 14:30，详情请登录查看。');
  });

  it('has no revealing word in any value a date or time parameter can take', () => {
    // Every date of a leap year and every minute of a day: the formats are digits and 月/日/: only.
    for (let d = new Date(Date.UTC(2028, 0, 1)); d.getUTCFullYear() === 2028; d = new Date(d.getTime() + 86_400_000)) {
      const text = formatDate(d.toISOString().slice(0, 10))!;
      expect(text).toMatch(/^\d{1,2}月\d{1,2}日$/);
    }
    for (let m = 0; m < 24 * 60; m += 1) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString();
      expect(fillParams(SMS_TEMPLATES.interview, { at }, () => undefined)![1]).toMatch(/^\d{2}:\d{2}$/);
    }
  });
});
