/**
 * The dashboard's static build at `/`, with the single-page-app fallback: any other GET that
 * wants HTML gets index.html, so client-side routes survive a reload.
 */
import { join } from 'node:path';
import express, { type RequestHandler } from 'express';

const SERVER_PATHS = ['/graphql', '/queues', '/artifacts', '/healthz', '/readyz'];

export function dashboardMiddleware(dir: string): RequestHandler {
  const files = express.static(dir, { index: 'index.html', fallthrough: true });
  const index = join(dir, 'index.html');
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.some((p) => req.path === p || req.path.startsWith(`${p}/`))) {
      next();
      return;
    }
    files(req, res, () => {
      if (!req.accepts('html')) {
        next();
        return;
      }
      res.sendFile(index, (err) => {
        if (err) next(err);
      });
    });
  };
}
