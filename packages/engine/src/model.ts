/**
 * The JSON model that passes from step to step. Each step gets its own deep copy, so a
 * step (or a script in the sandbox) can never change what an earlier step recorded or what
 * a sibling branch sees: state does not leak between steps.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type Model = { [key: string]: JsonValue };

export function cloneModel<T extends JsonValue>(model: T): T {
  return structuredClone(model);
}

/** True for the plain JSON an API response or a form can produce (no Dates, functions, NaN...). */
export function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    return (prototype === Object.prototype || prototype === null) && Object.values(value).every(isJsonValue);
  }
  return false;
}
