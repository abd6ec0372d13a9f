/**
 * Test data builders: each fills sensible defaults (unique codes from a counter, valid identity
 * numbers) so that a spec says only what matters to it, and returns the new row's id.
 * They write as the schema owner (`t.sql`), beside the demo data of the spec file's own database.
 */
export { daysFrom, type Db, nextSeq, organisationOf, uniqueCode, userIdOf } from './db';
export * from './fair-booths';
export * from './fairs';
export * from './follow-ups';
export * from './learning';
export * from './orders';
export * from './people';
