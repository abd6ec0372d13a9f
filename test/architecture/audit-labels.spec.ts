/**
 * Every audit action the server writes has a label in both client dictionaries, checked on the source
 * text. The audit log shows the label with the code beside it; a missing label showed the bare code
 * (`trainee.search`, `fair.check_in`) as the entry's name, which the words walk could not see because
 * the code itself is allowed there. Actions built from a state (`order.${to}`) are not literals: their
 * states are listed by hand below (BUILT), next to the service that builds them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const server = join(root, 'server', 'src');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) out.push(path);
  }
  return out;
}

/** A line that names an audit action: `action: '…'` (also in a ternary) or the plan's `recordWrite/recordRead(…, '…')`. */
const ACTION_LINE = /\baction:|\brecord(?:Write|Read)\(/;
const ACTION_LITERAL = /'([a-z_]+(?:\.[a-z_]+)+)'/g;

function writtenActions(): Map<string, string> {
  const where = new Map<string, string>();
  for (const file of sources(server)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(\*|\/\/)/.test(line) || !ACTION_LINE.test(line)) return;
        for (const m of line.matchAll(ACTION_LITERAL)) if (!where.has(m[1]!)) where.set(m[1]!, `${relative(root, file)}:${i + 1}`);
      });
  }
  return where;
}

/** Actions written as `${noun}.${state}`: OrdersService.move, HandoversService.step, SupervisionService.step. */
const BUILT = [
  ...['open', 'closed'].map((s) => `order.${s}`),
  ...['sent', 'accepted', 'rejected'].map((s) => `handover.${s}`),
  ...['accepted', 'rejected', 'cancelled'].map((s) => `transfer.${s}`),
];

function labelled(dictionary: string): Set<string> {
  const text = readFileSync(join(root, 'client', 'src', 'app', 'core', 'i18n', dictionary), 'utf8');
  return new Set([...text.matchAll(/^\s*'audit\.action\.([a-z_.]+)':/gm)].map((m) => m[1]!));
}

describe('audit action labels', () => {
  const actions = writtenActions();
  for (const action of BUILT) actions.set(action, 'a state transition');

  it('finds the actions the server writes', () => {
    // A floor, so that a change in how actions are written cannot empty the check without failing it.
    expect(actions.size).toBeGreaterThan(100);
    expect(actions.has('trainee.read')).toBe(true);
  });

  it.each(['zh.ts', 'en.ts'])('every written action has a label in %s', (dictionary) => {
    const labels = labelled(dictionary);
    const missing = [...actions].filter(([action]) => !labels.has(action)).map(([action, at]) => `${action} (${at})`);
    expect(missing).toEqual([]);
  });
});
