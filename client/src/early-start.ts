// The page's first script: the production build's "polyfills" entry (angular.json), a module of its own that
// the page lists before main.js. It is a few hundred bytes and shares nothing with the app, so the browser
// runs it as soon as it arrives, while the app's code is still downloading: the session restore is on its way
// a round trip or more earlier on a phone network than boot.ts could send it, which runs only once every
// module main.js imports has arrived. Each bundle has its own copy of early-refresh.ts: the restore under
// way is handed over on the global object. Without this entry (the development build, the unit tests) boot.ts
// sends the restore itself.
import { beginSessionRestore } from './app/core/auth/early-refresh';

void beginSessionRestore();
