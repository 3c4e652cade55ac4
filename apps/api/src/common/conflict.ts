import { ConflictException } from '@nestjs/common';
import type { Dependent } from '@conflux/contracts';

/** 409 that lists what still uses the thing being deleted, so the admin knows what to change first. */
export class InUseException extends ConflictException {
  constructor(what: string, dependents: Dependent[]) {
    super({
      message: `${what} is used by ${dependents.map((d) => `${d.type} "${d.name}" (${d.key})`).join(', ')}. Change or delete those first.`,
      dependents,
    });
  }
}

export class DuplicateKeyException extends ConflictException {
  constructor(what: string, key: string) {
    super({ message: `${what} with the key "${key}" already exists.`, issues: [{ path: ['key'], message: 'This key is taken' }] });
  }
}
