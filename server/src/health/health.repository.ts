import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

/** The two questions the health routes ask the database. */
@Injectable()
export class HealthRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Straight on the driver's pool: `dataSource.query` opens and releases a TypeORM query runner each
   * time, ~4 % of a health check's CPU under load (bench/README.md). Same pool, same connections.
   */
  async ping(): Promise<void> {
    // TypeORM's PostgresDriver keeps its pg Pool as `master` (typeorm does not export the driver's type).
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    await pool.query('SELECT 1');
  }

  /** Names of the applied migrations; null when the migrations table does not exist yet. */
  async appliedMigrations(): Promise<Set<string> | null> {
    const table = this.dataSource.options.migrationsTableName ?? 'migrations';
    try {
      const rows = await this.dataSource.query<{ name: string }[]>(`SELECT name FROM "${table}"`);
      return new Set(rows.map((r) => r.name));
    } catch (e) {
      if ((e as { driverError?: { code?: string } }).driverError?.code === '42P01') return null;
      throw e;
    }
  }

  /** The migrations this code ships, by the name TypeORM records (its `name`, else the class name). */
  shippedMigrations(): string[] {
    return this.dataSource.migrations.map((m) => m.name ?? m.constructor.name);
  }
}
