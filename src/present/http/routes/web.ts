import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app/context.ts';
import { AppError } from '../../../domain/errors.ts';

/** Where `npm run build:web` writes the dashboard. */
export const WEB_DIST = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * The dashboard's built assets, with `index.html` for any other GET path so the app's own routes
 * load from a link (the session routes are in session.ts). Register it last.
 */
export function webRoutes(app: FastifyInstance, _ctx: AppContext, options: { dist?: string } = {}): void {
  const dist = resolve(options.dist ?? WEB_DIST);

  app.get('/*', async (request, reply) => {
    const path = decodedPath(request.url);
    if (path.startsWith('/api/') || path === '/api') {
      throw new AppError('not_found', `no route ${request.method} ${path}`);
    }
    const file = await findFile(dist, path);
    if (file) return sendFile(request, reply, file, path.startsWith('/assets/') ? 'immutable' : 'day');
    // why: a path with an extension is a missing asset, never a page; answering HTML there hides the error.
    if (extname(path)) throw new AppError('not_found', `no file ${path}`);
    const index = join(dist, 'index.html');
    if (!existsSync(index)) return reply.status(503).type('text/plain').send(NOT_BUILT);
    return sendFile(request, reply, index, 'revalidate');
  });
}

function decodedPath(url: string): string {
  const raw = url.split('?')[0] ?? '/';
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError('not_found', `no file ${raw}`);
  }
}

const NOT_BUILT =
  'The spendlens dashboard is not built. Run "npm run build:web" (npm install does it too), then reload. The API is at /api/v1.';

async function findFile(dist: string, path: string): Promise<string | null> {
  if (path === '/' || path.includes('\0')) return null;
  const file = resolve(dist, `.${path}`);
  if (!file.startsWith(dist + sep)) return null;
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? file : null;
}

const CACHE = {
  /** Hashed build assets never change under their name. */
  immutable: 'public, max-age=31536000, immutable',
  /** The favicon and other fixed files. */
  day: 'public, max-age=86400',
  /** index.html names the current assets, so it is checked on every load. */
  revalidate: 'no-cache',
} as const;

/** Sends a file with its caching policy, gzipped when the build left a `.gz` beside it. */
async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string,
  cache: keyof typeof CACHE,
) {
  reply.type(TYPES[extname(file)] ?? 'application/octet-stream');
  reply.header('cache-control', CACHE[cache]);
  reply.header('x-content-type-options', 'nosniff');
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  if (gzip && existsSync(`${file}.gz`)) {
    reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
    return reply.send(await readFile(`${file}.gz`));
  }
  return reply.send(await readFile(file));
}
