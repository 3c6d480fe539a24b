/**
 * GET /artifacts/:id[/<file inside a directory artifact>]: streams a stored artifact from
 * ARTIFACT_DIR. The path comes from the database and the URL, so both are resolved against the
 * store root, symlinks included, and anything that lands outside it is refused.
 */
import { realpath, readdir, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Request, Response, Router } from 'express';
import express from 'express';
import { findArtifact, type Database } from '@trialgrid/db';
import type { Logger } from '@trialgrid/logger';

/** `candidate` (already resolved, real) is `root` itself or inside it. */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..'));
}

/**
 * Resolve `parts` under `root`; null when the result (after following symlinks) escapes it or
 * does not exist.
 */
export async function resolveInside(root: string, ...parts: string[]): Promise<string | null> {
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) return null;
  const lexical = resolve(realRoot, ...parts);
  if (!isInside(realRoot, lexical)) return null;
  const real = await realpath(lexical).catch(() => null);
  if (!real || !isInside(realRoot, real)) return null;
  return real;
}

export function artifactRouter(options: { db: Database; artifactDir: string; logger: Logger }): Router {
  const router = express.Router();
  const logger = options.logger.child({ component: 'artifacts' });

  const serve = async (req: Request, res: Response, sub: string | undefined): Promise<void> => {
    const id = String(req.params['id'] ?? '');
    try {
      const artifact = await findArtifact(options.db, id);
      if (!artifact) {
        res.status(404).json({ error: 'NOT_FOUND', message: `artifact ${id} not found` });
        return;
      }
      const base = await resolveInside(options.artifactDir, artifact.path);
      const target = base && sub !== undefined ? await resolveInside(base, sub) : base;
      if (!target || (base && !isInside(base, target))) {
        logger.warn({ artifactId: id, path: artifact.path, sub }, 'artifact path refused');
        res.status(404).json({ error: 'NOT_FOUND', message: `artifact ${id} has no such file` });
        return;
      }
      const info = await stat(target);
      if (info.isDirectory()) {
        // A directory artifact (e.g. a TF.js model: model.json + weights): list its files.
        const entries = await readdir(target, { withFileTypes: true });
        res.json({ id, name: artifact.name, files: entries.filter((e) => e.isFile()).map((e) => `/artifacts/${id}/${encodeURIComponent(e.name)}`) });
        return;
      }
      const fileName = sub ? (sub.split('/').at(-1) ?? artifact.name) : artifact.path.split('/').at(-1) ?? artifact.name;
      res.setHeader('Content-Disposition', `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`);
      res.sendFile(target, { dotfiles: 'allow' }, (err) => {
        if (err && !res.headersSent) res.status(500).json({ error: 'INTERNAL_SERVER_ERROR', message: 'download failed' });
      });
    } catch (err) {
      logger.error({ artifactId: id, err }, 'artifact download failed');
      if (!res.headersSent) res.status(500).json({ error: 'INTERNAL_SERVER_ERROR', message: 'download failed' });
    }
  };

  router.get('/:id', (req, res) => void serve(req, res, undefined));
  router.get('/:id/*file', (req, res) => {
    const file = req.params['file'] as unknown;
    const sub = Array.isArray(file) ? file.map(String).join('/') : typeof file === 'string' ? file : '';
    void serve(req, res, sub);
  });
  return router;
}
