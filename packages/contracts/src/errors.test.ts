import { ErrorBody } from './errors';

describe('ErrorBody', () => {
  it('accepts a validation error with its issues and rejects one without a status', () => {
    expect(
      ErrorBody.safeParse({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        issues: [{ path: ['body', 'email'], message: 'Invalid email address' }],
      }).success,
    ).toBe(true);
    expect(ErrorBody.safeParse({ error: 'Bad Request', message: 'x' }).success).toBe(false);
  });
});
