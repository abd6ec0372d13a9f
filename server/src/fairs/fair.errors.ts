import { QueryFailedError } from 'typeorm';
import { notFound } from '../common/domain-error';

export const notFoundFair = () => notFound('JOB_FAIR');
export const notFoundBooth = () => notFound('BOOTH');
export const notFoundSlot = () => notFound('INTERVIEW_SLOT');
export const notFoundRegistration = () => notFound('REGISTRATION');
export const notFoundIntent = () => notFound('INTENT');

/** The database constraint a failed write broke, if any (the services turn it into a DomainError). */
export function constraintOf(e: unknown): string | undefined {
  return e instanceof QueryFailedError ? (e.driverError as { constraint?: string }).constraint : undefined;
}

/** A time as HH:MM in China time, for a notice's words. */
export const hhmm = (d: Date) => new Date(d).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
