import { describe, expect, it } from 'vitest';
import { loadAppStyles, loadBaseStyles, preloadAppStyles } from './app-styles';
import { SESSION_HINT_KEY } from './auth/early-refresh';

/** A document at `path` whose head links the app's own styles.css, as the built index.html does. */
function page(path: string, signedIn: boolean): Document {
  const real = document.implementation.createHTMLDocument('t');
  real.head.innerHTML = '<link rel="stylesheet" href="styles-AB12CD34.css">';
  // What the code reads of a document: its head, the path and the session hint.
  return {
    head: real.head,
    createElement: real.createElement.bind(real),
    location: { pathname: path },
    defaultView: { localStorage: { getItem: (k: string) => (k === SESSION_HINT_KEY && signedIn ? '1' : null) } },
  } as unknown as Document;
}

const sheets = (doc: Document) => [...doc.head.querySelectorAll('link[rel=stylesheet]')].map((l) => l.getAttribute('href'));
const settle = (doc: Document) => doc.head.querySelectorAll('link').forEach((l) => l.dispatchEvent(new Event('load')));

describe('app styles', () => {
  it('puts ng-zorro base in front of styles.css (which overrides it) and the components last, once each', async () => {
    const doc = page('/trainees', true);
    const loaded = loadAppStyles(doc);
    void loadAppStyles(doc);
    void loadBaseStyles(doc);
    expect(sheets(doc)).toEqual(['zorro-base.css', 'styles-AB12CD34.css', 'zorro-app.css']);
    settle(doc);
    await expect(loaded).resolves.toBeUndefined();
  });

  it('resolves when a sheet fails (offline): the page shows plain rather than never', async () => {
    const doc = page('/', true);
    const loaded = loadAppStyles(doc);
    doc.head.querySelectorAll('link').forEach((l) => l.dispatchEvent(new Event('error')));
    await expect(loaded).resolves.toBeUndefined();
  });

  it('starts both sheets at start-up only for a signed-in page; verification gets the base alone', () => {
    const signedIn = page('/reports', true);
    preloadAppStyles(signedIn);
    expect(sheets(signedIn)).toEqual(['zorro-base.css', 'styles-AB12CD34.css', 'zorro-app.css']);

    for (const hint of [true, false]) {
      const verify = page('/verify/ABCD2345', hint);
      preloadAppStyles(verify);
      expect(sheets(verify)).toEqual(['zorro-base.css', 'styles-AB12CD34.css']);
    }

    for (const [path, hint] of [
      ['/activate', false],
      ['/login', true],
    ] as const) {
      const doc = page(path, hint);
      preloadAppStyles(doc);
      expect(sheets(doc)).toEqual(['styles-AB12CD34.css']);
    }
  });
});
