import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * For the TypeORM CLI (migration:generate|run|revert). It needs DATABASE_URL; the scripts in
 * scripts/ start a throw-away embedded PostgreSQL when it is unset.
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required for the migration CLI (npm run migration:generate starts one for you)');
export default new DataSource(dataSourceOptions(url));
