// Starts (or connects to) the PostgreSQL server for this run and picks a unique template name.
// The template itself is built by the first spec file that needs it (see test-app.ts), because
// building it runs TypeScript sources that only the test workers compile.
import { pgServer } from '../../scripts/lib/pg-server.mjs';

export default async function globalSetup() {
  const server = await pgServer({ name: 'test-pg', port: 54331 });
  globalThis.__JBH_PG__ = server;
  process.env.JBH_TEST_ADMIN_URL = server.adminUrl;
  process.env.JBH_TEST_URL_PATTERN = server.urlFor('__DB__');
  process.env.JBH_TEST_TEMPLATE = `jbh_tpl_${process.pid}_${Date.now().toString(36)}`;
}
