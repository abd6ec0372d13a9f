// The sign-in page's script (a build of its own: `sign-in` in angular.json). No framework: on a cheap
// phone this page shows and answers at once; the app's framework starts only after sign-in.
import { loadAltchaWidget } from './altcha-widget';
import { SignInPage } from './sign-in-page';

void new SignInPage({
  document,
  location,
  history,
  fetch: (input, init) => fetch(input, init),
  loadChallenge: loadAltchaWidget,
}).start();
