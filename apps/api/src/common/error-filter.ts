import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import type { ZodError } from 'zod';
import type { ErrorBody, ValidationIssue } from '@conflux/contracts';

/** Thrown by services for a 400 that is not a schema violation (e.g. a step's source step is later). */
export class InvalidRequestException extends HttpException {
  constructor(readonly issues: ValidationIssue[], message = 'Validation failed') {
    super({ message, issues }, HttpStatus.BAD_REQUEST);
  }
}

/**
 * Every error leaves the API in one shape (ErrorBody of @conflux/contracts): status, error,
 * message, and for bad input the list of `issues`, each naming its field's path.
 * Unexpected errors are logged and answered with a generic 500: their text may hold
 * internals (SQL, secrets in URLs) that a client must not see.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const body = this.toBody(exception);
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof ZodValidationException) {
      const error = exception.getZodError() as ZodError;
      return {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        issues: error.issues.map((issue) => ({
          path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
          message: issue.message,
        })),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const payload =
        typeof raw === 'string' ? { message: raw } : (raw as { message?: unknown; issues?: ValidationIssue[]; dependents?: unknown[] });
      const message = Array.isArray(payload.message) ? payload.message.join('; ') : String(payload.message ?? exception.message);
      return {
        statusCode: status,
        error: HttpStatus[status]?.split('_').map((w) => w[0] + w.slice(1).toLowerCase()).join(' ') ?? 'Error',
        message,
        ...(payload.issues ? { issues: payload.issues } : {}),
        ...(payload.dependents ? { dependents: payload.dependents } : {}),
      } as ErrorBody;
    }
    this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side.' };
  }
}
