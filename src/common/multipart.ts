import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { formFieldsProblem, refuseInput } from './input-edge';
import { isStaff, type SessionUser } from './session-user';

declare module 'express-serve-static-core' {
  interface Request {
    /** The upload went past its route's size limit; the fields before it were still read. */
    uploadTooLarge?: boolean;
  }
}

/** A form that sends a file: `POST` to a path matching `path`, the file in `field`. */
export interface UploadRoute {
  path: RegExp;
  field: string;
  maxBytes: number;
}

/**
 * Parses the multipart forms of `routes`, and only theirs, before the CSRF check: the token is
 * a form field, so it must be read first (a route's own interceptor would run too late). Files
 * stay in memory (each route caps its size) and only for staff, who alone post these forms:
 * anyone else's body is left unread, so the CSRF check refuses it without buffering a byte.
 */
export function multipartUploads(routes: UploadRoute[]): RequestHandler {
  const parsers = routes.map((route) => ({
    route,
    parse: multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: route.maxBytes, files: 1, fields: 50, parts: 60, fieldSize: 64 * 1024 },
    }).single(route.field),
  }));
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !req.is('multipart/form-data')) return next();
    const match = parsers.find(({ route }) => route.path.test(req.path));
    if (!match || !isStaff(req.user as SessionUser | undefined)) return next();
    match.parse(req, res, (error?: unknown) => {
      // The input edge's field rule (a field given twice, control characters, overlong values),
      // applied to the text fields now that they are read.
      const problem = formFieldsProblem(req.body);
      if (problem) return refuseInput(req, res, problem);
      if (!error) return next();
      if (error instanceof MulterError && error.code === 'LIMIT_FILE_SIZE') {
        // Refused beside the field like any other bad value, with the fields read so far kept
        // (the file input comes last in the form, so that is all of them).
        req.uploadTooLarge = true;
        return next();
      }
      // Too many parts, a second file, a malformed body: a friendly 400/413 page.
      const tooMuch = error instanceof MulterError && error.code.startsWith('LIMIT_') && error.code !== 'LIMIT_UNEXPECTED_FILE';
      next(Object.assign(error instanceof Error ? error : new Error(String(error)), { status: tooMuch ? 413 : 400 }));
    });
  };
}
