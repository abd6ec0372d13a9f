import type { MessageKey } from './catalogue';

const PREFIX = 'msg:';

/**
 * A class-validator `message` that names a catalogue entry: `@Matches(re, { message: msg('DIVISION_CODE_FORMAT') })`.
 * The validation pipe renders it in both languages with `{field}` filled in.
 */
export const msg = (key: MessageKey): string => `${PREFIX}${key}`;

/** The catalogue key of a message made by msg(), or null. */
export const msgKey = (message: string): MessageKey | null =>
  message.startsWith(PREFIX) ? (message.slice(PREFIX.length) as MessageKey) : null;
