import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidRequestException } from './error-filter';

/** Route ids are UUIDs; anything else is a 400 that names the parameter, not a database error. */
export const uuidParam = (name = 'id') =>
  new ParseUUIDPipe({ exceptionFactory: () => new InvalidRequestException([{ path: [name], message: 'Must be a UUID' }]) });
