// The sign-in page's script (a build of its own: `sign-in` in angular.json). No framework: on a cheap
// phone this page shows and answers at once; the app's framework starts only after sign-in.
import { loadAltchaWidget } from './altcha-widget';
import { SignInPage } from './sign-in-page';

/** `work` once the page has loaded and the browser is idle (at most 5 s later). */
function whenIdle(work: () => void): void {
  const idle = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(work, { timeout: 5000 }) : setTimeout(work, 1000));
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
}

void new SignInPage({
  document,
  location,
  history,
  fetch: (input, init) => fetch(input, init),
  loadChallenge: loadAltchaWidget,
  // Never in front of the page's own requests.
  whenIdle,
}).start();
