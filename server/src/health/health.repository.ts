import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The two questions the health routes ask the database. */
@Injectable()
export class HealthRepository {
  constructor(private readonly dataSource: DataSource) {}

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
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
