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

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
const memoized = new WeakSet<MetadataStorage>();

/**
 * class-validator looks a class's rules up on every validate(): it scans every class it knows (a
 * `prototype instanceof` test for each of several hundred DTOs) and then groups the rules by property
 * again — 3–4 % of a list request's CPU, for an answer that never changes. A class's rules are complete
 * once the class is defined (its decorators run then) and its ancestors are defined before it, so the
 * rules of a class, and their grouping, are kept per class. Only the plain call is kept (no schema, no
 * groups): this app validates classes without groups.
 */
export function keepValidationRulesPerClass(storage: MetadataStorage = getMetadataStorage()): void {
  if (memoized.has(storage)) return;
  memoized.add(storage);
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const rules = new WeakMap<object, Map<string, ReturnType<typeof lookUp>>>();
  const grouped = new WeakMap<object, ReturnType<typeof group>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (typeof target !== 'function' || schema || (groups && groups.length > 0))
      return lookUp(target, schema, always, strictGroups, groups);
    const flags = `${always}|${strictGroups}`;
    let byFlags = rules.get(target);
    if (!byFlags) rules.set(target, (byFlags = new Map<string, ReturnType<typeof lookUp>>()));
    let found = byFlags.get(flags);
    if (!found) byFlags.set(flags, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
  // The executor groups the array it was just given: the same array for the same class, so grouped once.
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) grouped.set(metadata, (found = group(metadata)));
    return found;
  };
}

/** Global validation: unknown fields are refused, and every problem is named with its field, in both languages. */
export const validationPipe = () => {
  keepValidationRulesPerClass();
  return new ValidationPipe({
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
};
