import type { NextFunction, Request, Response } from 'express';
import { json } from 'express';
import { BUNDLE_MAX_BYTES } from '@conflux/contracts';

/**
 * The JSON body parser of the bundle routes: up to BUNDLE_MAX_BYTES (the app-wide parser
 * keeps its small default), and errors a client can act on, in the API's error shape:
 * 413 for a bundle that is too large, 400 naming the position for truncated or malformed
 * JSON. Mounted on the Express app before Nest's own parser, which then sees a parsed body.
 */
export function bundleBodyParser() {
  const parse = json({ limit: BUNDLE_MAX_BYTES });
  return function bundleJsonBody(req: Request, res: Response, next: NextFunction) {
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const failure = error as { type?: string; status?: number; message?: string };
      if (failure.type === 'entity.too.large') {
        return res.status(413).json({
          statusCode: 413,
          error: 'Payload Too Large',
          message: `The request is larger than ${BUNDLE_MAX_BYTES / 1024 / 1024} MB. Export fewer components, or leave the records out.`,
        });
      }
      if (failure.type === 'entity.parse.failed') {
        const message = `The request body is not valid JSON (is the bundle file complete?): ${failure.message}`;
        return res.status(400).json({ statusCode: 400, error: 'Bad Request', message, issues: [{ path: [], message }] });
      }
      return next(error);
    });
  };
}
