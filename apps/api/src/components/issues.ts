import type { ValidationIssue } from '@conflux/contracts';

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

/**
 * Zod issues of a record's data or a form's values as API issues under `prefix`
 * (['data', 'city'], ['values', 'email']). Unknown keys get one issue each, at their own path.
 */
export function issuesAt(prefix: string, issues: readonly ZodIssueLike[], unknownMessage: string): ValidationIssue[] {
  const result: ValidationIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const key of issue.keys) result.push({ path: [prefix, ...issue.path.filter(isPart), key], message: unknownMessage });
    } else result.push({ path: [prefix, ...issue.path.filter(isPart)], message: issue.message });
  }
  return result;
}

const isPart = (part: PropertyKey): part is string | number => typeof part !== 'symbol';
