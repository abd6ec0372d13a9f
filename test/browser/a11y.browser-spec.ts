import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSession, describeBrowser, DESKTOP, PHONE } from '../utils/browser';
import { settle, walkIds, walkRoles, type WalkRole } from './page-walk';

/** axe-core's own bundle, injected into each page (it is a devDependency of the repo). */
const AXE_SOURCE = readFileSync(createRequire(join(process.cwd(), 'package.json')).resolve('axe-core/axe.min.js'), 'utf8');

interface Finding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Known violations in pages owned by other helpers, as `<role>/<page>/<rule id>`, with the owner who
 * fixes them. The lead removes an entry once its fix lands; a pending entry that no longer occurs is
 * reported so it can be removed.
 */
const PENDING: Readonly<Record<string, string>> = {};

/** Pages photographed on each run (test-results/screenshots/a11y/), to look at what the fixes changed. */
const PHOTOGRAPHED = new Set([
  'guest/login',
  'counsellor/home',
  'counsellor/caseload',
  'counsellor/follow-ups',
  'counsellor/fair',
  'station/transfers',
]);

async function axe(page: Page): Promise<Finding[]> {
  const results = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(
          context: Document,
          options: object,
        ): Promise<{
          violations: {
            id: string;
            impact: string;
            help: string;
            nodes: { target: string[]; any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } | null }[] }[];
          }[];
        }>;
      };
    };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => {
        const c = n.any.find((a) => a.data?.contrastRatio)?.data;
        return n.target.join(' ') + (c ? ` (${c.fgColor} on ${c.bgColor}: ${c.contrastRatio})` : '');
      }),
    }));
  });
  return results.filter((v) => v.impact === 'critical' || v.impact === 'serious');
}

/**
 * Accessibility (issue 12): every key page of every role, on a phone and a desktop, has no critical
 * and no serious WCAG 2 A/AA violation as axe-core sees it.
 */
describeBrowser('a11y: no critical or serious WCAG 2 AA violations on the key pages', () => {
  const suite = browserSession({ expected: () => true });
  const { open, signIn, shoot } = suite;
  let roles: WalkRole[];
  const failures: string[] = [];
  const pendingSeen = new Set<string>();

  beforeAll(async () => {
    roles = walkRoles(await walkIds(suite.t));
  });

  async function walk(role: WalkRole, viewport: typeof PHONE, label: string): Promise<void> {
    const who = role.username ?? 'guest';
    const { context, page } = await open(viewport, `${who}-${label}`);
    // The app's CSP (script-src 'self') refuses page.addScriptTag's inline <script>; an init script goes
    // over the DevTools protocol, which the CSP does not govern.
    await context.addInitScript({ content: AXE_SOURCE });
    try {
      if (role.username) await signIn(page, role.username, role.home);
      for (const { name, path } of role.pages) {
        await settle(page, `${suite.base}${path}`);
        if (PHOTOGRAPHED.has(`${who}/${name}`)) await shoot(page, `a11y/${who}-${name}-${label}`);
        for (const f of await axe(page)) {
          const key = `${who}/${name}/${f.id}`;
          if (PENDING[key]) {
            pendingSeen.add(key);
            continue;
          }
          failures.push(`${label} ${key} (${f.impact}: ${f.help})\n    ${f.targets.slice(0, 6).join('\n    ')}`);
        }
      }
    } finally {
      await context.close();
    }
  }

  for (const who of ['guest', 'trainee', 'counsellor', 'station', 'employer', 'instructor', 'admin', 'auditor', 'security']) {
    // One test per device: a role's pages on both in one test outgrew the test timeout on a busy machine.
    for (const [viewport, label] of [
      [PHONE, 'phone'],
      [DESKTOP, 'desktop'],
    ] as const) {
      it(`${who}: ${label}`, async () => {
        await walk(
          roles.find((r) => (r.username ?? 'guest') === who)!,
          viewport,
          label,
        );
      });
    }
  }

  it('found no critical or serious violation outside the pending list', () => {
    const stale = Object.keys(PENDING).filter((k) => !pendingSeen.has(k));
    if (stale.length) console.log(`a11y: pending entries no longer seen (remove them):\n  ${stale.join('\n  ')}`);
    if (pendingSeen.size)
      console.log(`a11y: pending (owned elsewhere):\n  ${[...pendingSeen].map((k) => `${k} → ${PENDING[k]}`).join('\n  ')}`);
    expect(failures.join('\n')).toBe('');
  });
});
