import { net, protocol } from 'electron';
import { stat } from 'node:fs/promises';
import { join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../../shared/ipc/csp.ts';

/** The renderer is served from app://custode/ rather than file:// (security checklist item 18). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://custode`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const securityHeaders = (headers: Headers): Headers => {
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return headers;
};

const plain = (status: number, text: string): Response =>
  new Response(text, { status, headers: securityHeaders(new Headers({ 'Content-Type': 'text/plain; charset=utf-8' })) });

/** The path under the renderer folder that a request names, or the status that refuses it. */
function fileFor(root: string, raw: string): string | number {
  if (!URL.canParse(raw)) return 400;
  const url = new URL(raw);
  if (url.host !== 'custode') return 404;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return 400; // a stray `%` (URIError)
  }
  if (path.includes('\0')) return 400;
  const file = normalize(join(root, path === '/' ? 'index.html' : path.slice(1)));
  return file.startsWith(root + sep) ? file : 403;
}

/** Answers every request with a response: a handler that throws or rejects would leave the page with a broken load. */
export async function rendererResponse(root: string, request: Request): Promise<Response> {
  try {
    const file = fileFor(root, request.url);
    if (typeof file === 'number') return plain(file, file === 404 ? 'Not found' : file === 403 ? 'Forbidden' : 'Bad request');
    if (!(await stat(file).catch(() => null))?.isFile()) return plain(404, 'Not found');
    const response = await net.fetch(pathToFileURL(file).toString());
    return new Response(response.body, { status: response.status, headers: securityHeaders(new Headers(response.headers)) });
  } catch {
    return plain(500, 'Cannot read the file');
  }
}

export function serveRenderer(rendererDir: string): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, (request) => rendererResponse(root, request));
}
