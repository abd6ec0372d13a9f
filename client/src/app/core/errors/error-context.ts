import { HttpContextToken } from '@angular/common/http';

/** Set on requests whose errors the caller shows itself (forms show them inline), so no global notice pops up. */
export const SILENT_ERRORS = new HttpContextToken<boolean>(() => false);
