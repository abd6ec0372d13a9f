import { named } from './named-statement';

type Statement = { name: string; text: string };

describe('named statements', () => {
  it('gives one text one statement, with a name derived from the text, read as the text wherever a string is wanted', () => {
    const text = 'SELECT id FROM organisation WHERE type = $1 /* named-statement.spec 1 */';
    const a = named(text) as unknown as Statement;
    const b = named(`${text}`) as unknown as Statement;
    expect(b).toBe(a);
    expect(a.text).toBe(text);
    expect(a.name).toMatch(/^jbh_[A-Za-z0-9_-]{22}$/);
    expect(String(a as unknown as string)).toBe(text);
    expect(`${a as unknown as string}`).toBe(text);
    const other = named(`${text} `) as unknown as Statement;
    expect(other.name).not.toBe(a.name);
  });

  it('stops naming new texts past its bound (each name holds a plan on every connection), and keeps naming known ones', () => {
    const first = named('SELECT 1 /* named-statement.spec bound */');
    let plain: unknown;
    for (let i = 0; i < 600 && typeof plain !== 'string'; i++) {
      const r = named(`SELECT ${i} /* named-statement.spec fill */`);
      if (typeof r === 'string') plain = r;
    }
    expect(plain).toMatch(/^SELECT \d+ \/\* named-statement.spec fill \*\/$/);
    expect(named('SELECT 1 /* named-statement.spec bound */')).toBe(first);
    expect(typeof first).toBe('object');
  });
});
