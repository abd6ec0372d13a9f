import type { JobLimitDto } from './dto/job-limit.dto';
import type { JobLimitRule } from './job-limit-rule.entity';

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export const toJobLimitDto = (r: JobLimitRule, occupationName: string): JobLimitDto => ({
  id: r.id,
  occupationPrefix: r.occupationPrefix,
  occupationName,
  kind: r.kind,
  waitingYears: r.waitingYears,
  duringSupervision: r.duringSupervision,
  legalReference: r.legalReference,
  summaryZh: r.summaryZh,
  summaryEn: r.summaryEn,
  active: r.active,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});
