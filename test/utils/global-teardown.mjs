import { adminQuery } from '../../scripts/lib/pg-server.mjs';

export default async function globalTeardown() {
  const template = process.env.JBH_TEST_TEMPLATE;
  const adminUrl = process.env.JBH_TEST_ADMIN_URL;
  if (template && adminUrl) {
    // Drop this run's template and any database a crashed spec file left behind.
    const { rows } = await adminQuery(adminUrl, `SELECT datname FROM pg_database WHERE datname LIKE '${template}%'`);
    for (const { datname } of rows) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await globalThis.__JBH_PG__?.stop();
}
