/**
 * Fills `{name}` placeholders of an endpoint's path template. Every value is
 * percent-encoded as one path segment (`/`, `?`, `#`, `..` included), so a mapped value can
 * never change the host, add a query or climb out of the path.
 */
export function expandPathTemplate(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{([^{}]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === '') throw new MissingPathParameterError(name);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    // encodeURIComponent leaves "." alone: a whole "." or ".." segment would be resolved away.
    return text === '.' || text === '..' ? text.replace(/\./g, '%2E') : encodeURIComponent(text);
  });
}

export class MissingPathParameterError extends Error {
  constructor(readonly parameter: string) {
    super(`The path parameter {${parameter}} has no value.`);
    this.name = 'MissingPathParameterError';
  }
}
