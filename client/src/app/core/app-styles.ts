import type { CanActivateFn } from '@angular/router';

/** Built from zorro-app.less as its own, non-injected stylesheet (see angular.json). */
const APP_STYLES_HREF = 'zorro-app.css';
let loading: Promise<void> | undefined;

/**
 * Loads the component styles of the signed-in pages. Called at start-up so the download runs in
 * parallel with the session restore instead of blocking first paint; routes that need it wait for it.
 * A failed load resolves too: the page then looks plain rather than not appearing at all.
 */
export function loadAppStyles(doc: Document = document): Promise<void> {
  loading ??= new Promise<void>((resolve) => {
    const link = doc.createElement('link');
    link.rel = 'stylesheet';
    link.href = APP_STYLES_HREF;
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => resolve());
    doc.head.appendChild(link);
  });
  return loading;
}

/** Route guard: the page's components are styled before it shows. */
export const appStylesReady: CanActivateFn = () => loadAppStyles().then(() => true);
