import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The one access policy holds only if nobody writes a second one. This test reads every server
 * source file outside `server/src/access/` and fails on the shapes a private access decision takes:
 * comparing a role, comparing the caller's organisation or id with a row's. Such a rule belongs in
 * a policy file (`policies/*.policy.ts`) or the capability table, where the matrix and the privacy
 * tests see it.
 */
const SERVER = join(process.cwd(), 'server/src');

const FORBIDDEN: { what: string; pattern: RegExp }[] = [
  { what: 'compares a role', pattern: /\.role\s*[!=]==?|[!=]==?\s*[\w.?[\]'"]*\.role\b(?!\w)/ },
  { what: 'tests a role against a list', pattern: /\.includes\(\s*[\w.?]*\.role\s*\)/ },
  { what: 'switches on a role', pattern: /switch\s*\(\s*[\w.?]*\.role\s*\)/ },
  {
    what: "compares the caller's organisation",
    pattern: /\b(user|caller|actor)\.organisationId\s*[!=]==?|[!=]==?\s*(user|caller|actor)\.organisationId\b/,
  },
  { what: "compares the caller's id", pattern: /\b(user|caller|actor)\.id\s*[!=]==?|[!=]==?\s*(user|caller|actor)\.id\b/ },
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'access' && dir === SERVER ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('no service decides access by itself', () => {
  it('finds no role, organisation or caller comparison outside server/src/access', () => {
    const found: string[] = [];
    for (const file of sources(SERVER)) {
      // The demo data and the guards build and check accounts; they decide no row's visibility.
      const rel = relative(SERVER, file);
      if (rel.startsWith('demo/') || rel.startsWith('common/guards/')) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\*|\/\/)/.test(line)) return;
          for (const { what, pattern } of FORBIDDEN) if (pattern.test(line)) found.push(`${rel}:${i + 1} ${what}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('catches the shapes it is meant to catch', () => {
    const hits = (line: string) => FORBIDDEN.some(({ pattern }) => pattern.test(line));
    expect(hits(`if (user.role === 'admin') return;`)).toBe(true);
    expect(hits(`const ok = 'employer' === user.role;`)).toBe(true);
    expect(hits(`if (row.organisation_id !== user.organisationId) throw x;`)).toBe(true);
    expect(hits(`(d.user_id === user.id)`)).toBe(true);
    expect(hits(`ROLES.includes(user.role)`)).toBe(true);
    expect(hits(`switch (caller.role) {`)).toBe(true);
    expect(hits(`actorRole: user.role,`)).toBe(false);
    expect(hits(`organisationId: user.organisationId,`)).toBe(false);
  });
});
