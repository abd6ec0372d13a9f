import { InitialSchema1795879642675 } from './1795879642675-InitialSchema';

/** Every migration, in order. Rewritten by `npm run migration:generate -- Name`. */
export const allMigrations = [InitialSchema1795879642675];
