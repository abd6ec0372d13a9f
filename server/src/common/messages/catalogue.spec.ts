import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CheckInDto } from '../../fairs/dto/fair.dto';
import { CODE_ALPHABET } from '../codes';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { MESSAGES, type MessageKey, THINGS } from './catalogue';

/** Issue 14: one catalogue; every code used exists, every entry is used, no message text at the call sites. */
const SRC = join(process.cwd(), 'server', 'src');
const SELF = new Set(['common/messages/catalogue.ts', 'common/messages/catalogue.spec.ts']);
const HELPERS = new Set(['badRequest', 'conflict', 'forbidden', 'notFound', 'unprocessable']);

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.spec.ts')) out.push(p);
  }
  return out;
}
const files = walk(SRC)
  .filter((f) => !SELF.has(relative(SRC, f).split('\\').join('/')))
  .map((f) => ({ file: relative(SRC, f), sf: ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true) }));

/** Every string literal in server/src (the keys a call passes, msg('…'), tables of keys, THINGS codes). */
const literals = new Set<string>();
/** [where, key] for the first argument of each error helper, `new DomainError(s, key)` and msg(key). */
const used: [string, string, ts.Node][] = [];
const literalTexts: string[] = [];
for (const { file, sf } of files) {
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteralLike(n)) literals.add(n.text);
    const isCall = ts.isCallExpression(n) && ts.isIdentifier(n.expression);
    const isNew = ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'DomainError';
    if (isCall || isNew) {
      const name = n.expression.text;
      const args = [...((n as ts.CallExpression).arguments ?? [])];
      const where = `${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
      if (HELPERS.has(name) || name === 'msg' || isNew) {
        const keyArg = isNew ? args[1] : args[0];
        if (keyArg && ts.isStringLiteralLike(keyArg)) used.push([where, name === 'notFound' ? `thing:${keyArg.text}` : keyArg.text, n]);
        // After the key come params (an object) and details: never a zh/en text.
        for (const a of args.slice(isNew ? 2 : 1))
          if (ts.isStringLiteralLike(a) || ts.isTemplateExpression(a)) literalTexts.push(`${where}: ${a.getText(sf)}`);
        const second = args[1];
        if (name === 'notFound' && second && ts.isStringLiteralLike(second)) literalTexts.push(`${where}: ${second.getText(sf)}`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the message catalogue', () => {
  it('has every code used in server/src', () => {
    const missing = used.filter(([, key]) =>
      key.startsWith('thing:') ? !Object.hasOwn(THINGS, key.slice(6)) : !Object.hasOwn(MESSAGES, key),
    );
    expect(missing.map(([where, key]) => `${where} ${key}`)).toEqual([]);
  });

  it('has no entry that nothing uses', () => {
    const unused = [...Object.keys(MESSAGES), ...Object.keys(THINGS)].filter((key) => {
      // validation.<constraint> is chosen by the pipe from class-validator's constraint name
      if (key.startsWith('validation.')) return !readFileSync(join(SRC, 'common', 'validation.ts'), 'utf8').includes("'validation.");
      return !literals.has(key);
    });
    expect(unused).toEqual([]);
  });

  it('has both languages with the same placeholders, and the params a site passes fill them', () => {
    for (const [key, { zh, en }] of Object.entries(MESSAGES)) {
      expect({ key, zh: zh.length > 0, en: en.length > 0 }).toEqual({ key, zh: true, en: true });
      // English may leave out a value Chinese needs (and vice versa) only when a site passes it
      const all = new Set([...placeholders(zh), ...placeholders(en)]);
      for (const [where, k, node] of used) {
        if (k !== key) continue;
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg') {
          // a DTO's message: the validation pipe fills {field}, nothing else
          expect({ where, key, others: [...all].filter((p) => p !== 'field') }).toEqual({ where, key, others: [] });
          continue;
        }
        const args = [...((node as ts.CallExpression).arguments ?? [])];
        const params = args[ts.isNewExpression(node) ? 2 : 1];
        if (all.size === 0) continue;
        expect({ where, key, params: !!params && (ts.isObjectLiteralExpression(params) || ts.isIdentifier(params)) }).toEqual({
          where,
          key,
          params: true,
        });
        if (params && ts.isObjectLiteralExpression(params)) {
          const given = params.properties.map((p) => p.name?.getText()).filter(Boolean);
          expect({ where, key, given: [...all].filter((p) => !given.includes(p)) }).toEqual({ where, key, given: [] });
        }
      }
    }
  });

  it('is where the words are: no zh/en message text is passed at a call site', () => {
    expect(literalTexts).toEqual([]);
  });

  it('says the check-in code alphabet truthfully', () => {
    const key: MessageKey = 'FAIR_CHECKIN_CODE_FORMAT';
    expect(MESSAGES[key].zh).toContain('没有 0、1、I、L、O');
    // …and the desk accepts exactly the characters codes are made of (common/codes.ts).
    const accepted = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter(
      (c) => validateSync(plainToInstance(CheckInDto, { code: c.repeat(8) })).length === 0,
    );
    expect(accepted.join('')).toBe(CODE_ALPHABET);
  });
});
