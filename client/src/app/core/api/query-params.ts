export type QueryValue = string | number | boolean | null | undefined;

/**
 * A generated operation's parameters from a query object, leaving out empty filters (null, undefined,
 * '') so the server applies its defaults. For callers whose query is a loose record of filters; the
 * operation's own parameter type names what the server accepts.
 */
export function operationQuery<P>(query: Readonly<Record<string, QueryValue>>): P {
  const params: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params[key] = value;
  }
  return params as P;
}
