// ALTCHA's PBKDF2 solver, bundled as a worker served from our own origin: the widget's built-in
// workers start from blob: URLs, which the Content-Security-Policy (script-src 'self') refuses.
import 'altcha/workers/pbkdf2';
