import { QueryFailedError } from 'typeorm';
import { notFound } from '../common/domain-error';

export const notFoundFair = () => notFound('招聘会', 'Job fair');
export const notFoundBooth = () => notFound('展位', 'Booth');
export const notFoundSlot = () => notFound('面试时段', 'Interview slot');
export const notFoundRegistration = () => notFound('报名记录', 'Registration');
export const notFoundIntent = () => notFound('意向书', 'Intent');

/** The database constraint a failed write broke, if any (the services turn it into a DomainError). */
export function constraintOf(e: unknown): string | undefined {
  return e instanceof QueryFailedError ? (e.driverError as { constraint?: string }).constraint : undefined;
}

/** A time as HH:MM in China time, for a notice's words. */
export const hhmm = (d: Date) => new Date(d).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
