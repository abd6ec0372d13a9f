import type { components } from '../../core/api/generated/api';

type Schemas = components['schemas'];

/** A background job that failed after its retries (ids and error text only). */
export type FailedJobDto = Schemas['FailedJobDto'];
export type FailedJobPageDto = Schemas['FailedJobPageDto'];
