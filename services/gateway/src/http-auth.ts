/**
 * Authentication of the gateway's plain HTTP routes: the queue board (/queues), artifact
 * downloads (/artifacts) and the dashboard's session (/auth/session). They accept the
 * `Authorization: Bearer` header or the session cookie the dashboard's sign-in page sets.
 * A change (any method but GET/HEAD) made with the cookie must come from an allowed origin,
 * on top of SameSite=Strict: no other page can use a signed-in browser.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Role } from '@trialgrid/db';
import { isAppError } from '@trialgrid/errors';
import { AUTH_UNAVAILABLE_MESSAGE, bearerToken, cookieValue, isAuthOutage, originAllowed, requireRole, SESSION_COOKIE, type Authenticator, type Principal } from './auth.js';

const principalStore = new AsyncLocalStorage<Principal>();

/** The principal of the HTTP request being handled (set by `httpAuth`), or undefined. */
export function currentPrincipal(): Principal | undefined {
  return principalStore.getStore();
}

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, SERVICE_UNAVAILABLE: 503 };

function sendAuthError(res: Response, code: string, message: string): void {
  res.status(HTTP_STATUS[code] ?? 400).json({ error: { code, message }, message });
}

export interface HttpAuthOptions {
  auth: Authenticator;
  allowedOrigins: readonly string[];
  /** Role needed for GET/HEAD, and for every other method. */
  read: Role;
  write: Role;
  /**
   * Where to send a browser that asks for an HTML page without credentials (the dashboard's
   * sign-in page); JSON clients get 401.
   */
  signInPath?: string;
}

/** Express middleware: authenticate, check the role for the method, and run the rest as that principal. */
export function httpAuth(options: HttpAuthOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const safe = req.method === 'GET' || req.method === 'HEAD';
    const header = bearerToken(req.headers.authorization);
    const cookie = header ? undefined : cookieValue(req.headers.cookie, SESSION_COOKIE);
    if (cookie && !safe && !originAllowed(req.headers.origin, req.headers.host, options.allowedOrigins)) {
      sendAuthError(res, 'FORBIDDEN', `origin ${String(req.headers.origin)} may not make changes`);
      return;
    }
    options.auth.authenticate(header ?? cookie).then(
      (principal) => {
        try {
          requireRole(principal, safe ? options.read : options.write, `${req.method} ${req.baseUrl}`);
        } catch (err) {
          sendAuthError(res, 'FORBIDDEN', err instanceof Error ? err.message : String(err));
          return;
        }
        principalStore.run(principal, next);
      },
      (err: unknown) => {
        if (isAuthOutage(err)) {
          sendAuthError(res, 'SERVICE_UNAVAILABLE', AUTH_UNAVAILABLE_MESSAGE);
          return;
        }
        if (!isAppError(err) || err.code !== 'UNAUTHENTICATED') {
          next(err);
          return;
        }
        if (options.signInPath && safe && req.accepts(['json', 'html']) === 'html') {
          res.redirect(303, `${options.signInPath}${encodeURIComponent(req.originalUrl)}`);
          return;
        }
        sendAuthError(res, 'UNAUTHENTICATED', err.message);
      },
    );
  };
}

/**
 * POST /auth/session `{ "token": "tg_..." }` checks the token and sets the session cookie
 * (HttpOnly, SameSite=Strict, Path=/); DELETE clears it. The dashboard's sign-in page uses it
 * so the queue board and artifact links work in the same browser.
 */
export function sessionRouter(options: { auth: Authenticator; allowedOrigins: readonly string[]; secure: (req: Request) => boolean }): Router {
  const router = express.Router();
  router.use((req, res, next) => {
    if (!originAllowed(req.headers.origin, req.headers.host, options.allowedOrigins)) {
      sendAuthError(res, 'FORBIDDEN', `origin ${String(req.headers.origin)} may not sign in here`);
      return;
    }
    next();
  });
  router.post('/', express.json({ limit: 4096 }), (req, res, next) => {
    const token = (req.body as { token?: unknown } | undefined)?.token;
    options.auth.authenticate(typeof token === 'string' ? token : undefined).then(
      (principal) => {
        res.cookie(SESSION_COOKIE, token as string, { httpOnly: true, sameSite: 'strict', path: '/', secure: options.secure(req) });
        res.json({ owner: principal.owner, role: principal.role, tokenName: principal.tokenName });
      },
      (err: unknown) => {
        if (isAppError(err) && err.code === 'UNAUTHENTICATED') sendAuthError(res, 'UNAUTHENTICATED', err.message);
        else next(err);
      },
    );
  });
  router.delete('/', (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
  return router;
}
