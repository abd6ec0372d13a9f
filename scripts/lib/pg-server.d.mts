export interface PgServer {
  adminUrl: string;
  urlFor(db: string): string;
  stop(): Promise<void>;
  embedded: boolean;
}
export function pgServer(opts?: { name?: string; port?: number }): Promise<PgServer>;
export function adminQuery(adminUrl: string, sql: string): Promise<{ rows: Record<string, unknown>[] }>;
export function recreateDatabase(server: PgServer, db: string, template?: string): Promise<string>;
