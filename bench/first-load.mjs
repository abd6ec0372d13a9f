// What a first load fetches before its largest element is painted (issue 12): requests, script and all bytes
// sent, for the trainee's home, the caseload and the reports on a phone. Figures, not assertions (the
// browser test test/browser/first-load.browser-spec.ts asserts what must not be there).
//
//   MFA_ENFORCE=false npm start                          (or any running copy with the demo accounts)
//   node bench/first-load.mjs http://127.0.0.1:3000
//
// The phone says Save-Data, so the role's likely sections are not preloaded; a request counts when it started
// before the page's largest element showed (the element Lighthouse names for each page). CHROME_PATH as in
// lighthouse.mjs.
import { chromium } from 'playwright-core';

const base = process.argv[2];
if (!base) {
  console.error('usage: node bench/first-load.mjs <base URL of a running app with the demo accounts>');
  process.exit(2);
}
const PASSWORD = 'Demo#2026';
const PAGES = [
  { name: 'trainee', path: '/', user: 'trainee', largest: 'ol.steps' },
  { name: 'caseload', path: '/trainees', user: 'counsellor', largest: 'ul.trainee-cards li' },
  { name: 'reports', path: '/reports', user: 'admin', largest: 'p.notes' },
];

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const rows = [];
try {
  for (const page of PAGES) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, locale: 'zh-CN' });
    try {
      const tab = await context.newPage();
      await tab.addInitScript(() =>
        Object.defineProperty(globalThis.navigator, 'connection', { value: { saveData: true, effectiveType: '4g' } }),
      );
      await tab.goto(`${base}/api/health`);
      const status = await tab.evaluate(
        async ([username, password]) => {
          const r = await fetch('/api/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, password }),
          });
          if (r.ok) globalThis.localStorage.setItem('jbh.signedIn', '1');
          return r.status;
        },
        [page.user, PASSWORD],
      );
      if (status !== 200) throw new Error(`sign-in as ${page.user}: HTTP ${status}`);
      const started = new Map();
      const done = [];
      let painted = Infinity;
      tab.on('request', (r) => started.set(r, Date.now()));
      tab.on('requestfinished', async (r) => {
        const sizes = await r.sizes().catch(() => null);
        if ((started.get(r) ?? 0) <= painted) done.push({ type: r.resourceType(), sent: sizes?.responseBodySize ?? 0 });
      });
      await tab.goto(`${base}${page.path}`);
      await tab.locator(page.largest).first().waitFor();
      painted = Date.now();
      await tab.waitForLoadState('networkidle');
      const kB = (xs) => Math.round(xs.reduce((sum, r) => sum + r.sent, 0) / 1024);
      const scripts = done.filter((r) => r.type === 'script');
      rows.push({
        page: page.name,
        requests: done.length,
        scripts: scripts.length,
        'script kB sent': kB(scripts),
        'all kB sent': kB(done),
      });
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
}
console.table(rows);
