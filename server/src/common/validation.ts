import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainError } from './domain-error';
import { type LocalText, MESSAGES, type MessageKey } from './messages/catalogue';
import { msgKey } from './messages/msg';
import { type MessageParams, render } from './messages/render';

/** One problem of one field: its catalogue key and params, so each language renders it. */
export interface FieldMessage {
  key: MessageKey;
  params: MessageParams;
}
export interface FieldProblems {
  field: string;
  /** English, as before (kept for older clients). */
  problems: string[];
  /** The same problems in Chinese. */
  problemsZh: string[];
  messages: FieldMessage[];
}

interface Metadata {
  name?: string;
  propertyName: string;
  constraints?: unknown[];
  each?: boolean;
  validationOptions?: { each?: boolean };
}

/** The arguments of `constraint` on `property` (e.g. 200 for @MaxLength(200)), from class-validator's metadata. */
function argumentsOf(target: object | undefined, property: string, constraint: string): { constraints: unknown[]; each: boolean } {
  if (!target) return { constraints: [], each: false };
  const all = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false) as unknown as Metadata[];
  const m = all.find((x) => x.propertyName === property && x.name === constraint);
  return { constraints: m?.constraints ?? [], each: !!m?.validationOptions?.each };
}

const keyOf = (constraint: string): MessageKey | null => {
  const key = `validation.${constraint === 'isUUID' ? 'isUuid' : constraint === 'isJWT' ? 'isJwt' : constraint}`;
  return Object.hasOwn(MESSAGES, key) ? (key as MessageKey) : null;
};

function paramsFor(constraint: string, args: unknown[]): Record<string, string | number> {
  switch (constraint) {
    case 'maxLength':
    case 'max':
    case 'arrayMaxSize':
      return { max: Number(args[0]) };
    case 'minLength':
    case 'min':
    case 'arrayMinSize':
      return { min: Number(args[0]) };
    case 'isIn':
      return { values: Array.isArray(args[0]) ? args[0].join(', ') : String(args[0]) };
    case 'matches':
      return { pattern: String(args[0]) };
    default:
      return {};
  }
}

function messageOf(e: ValidationError, field: string, constraint: string, text: string): FieldMessage {
  const { constraints, each } = argumentsOf(e.target, e.property, constraint);
  const label: string | LocalText = each ? { zh: `${field} 中的每一项`, en: `each value in ${field}` } : field;
  const custom = msgKey(text);
  if (custom) return { key: custom, params: { field: label } };
  const key = keyOf(constraint);
  // The arguments are needed to say the English exactly as class-validator would; without them, its text.
  if (key && (constraints.length > 0 || Object.keys(paramsFor(constraint, [0])).length === 0)) {
    return { key, params: { field: label, ...paramsFor(constraint, constraints) } };
  }
  return { key: 'validation.other', params: { field: label, text } };
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblems[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const messages = Object.entries(e.constraints ?? {}).map(([constraint, text]) => messageOf(e, field, constraint, text));
    const own = messages.length
      ? [
          {
            field,
            problems: messages.map((m) => render(m.key, 'en', m.params)),
            problemsZh: messages.map((m) => render(m.key, 'zh', m.params)),
            messages,
          },
        ]
      : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Global validation: unknown fields are refused, and every problem is named with its field, in both languages. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The target only lets the factory read the constraints' arguments; it is never sent.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const summary = {
        zh: fields.map((f) => `${f.field}：${f.problemsZh.join('，')}`).join('；'),
        en: fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; '),
      };
      const error = new DomainError(400, 'VALIDATION_FAILED', { summary }, { fields });
      return error;
    },
  });
