import type { JsonValue, Model } from '../model';

/** Reads a dot path ("weather.current") of the model; undefined when any part is missing. */
export function getPath(model: unknown, path: string): unknown {
  let value: unknown = model;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Sets a dot path of the model, creating the objects on the way (and replacing non-objects). */
export function setPath(model: Model, path: string, value: JsonValue): Model {
  const parts = path.split('.');
  let target: Record<string, JsonValue> = model;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) target[part] = {};
    target = target[part] as Record<string, JsonValue>;
  }
  target[parts.at(-1)!] = value;
  return model;
}
