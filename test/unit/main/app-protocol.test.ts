import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recorded, resetElectron } from './electron-stub.ts';

vi.mock('electron', () => import('./electron-stub.ts'));
const { registerAppScheme, serveRenderer } = await import('../../../electron/main/windows/app-protocol.ts');

/** The real app:// handler, asked with the request URLs Chromium sends it. */
describe('app:// protocol', () => {
  let root: string;
  let handler: (request: Request) => Promise<Response> | Response;
  beforeAll(() => {
    resetElectron();
    root = mkdtempSync(join(tmpdir(), 'custode-renderer-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Custode</title>');
    writeFileSync(join(root, 'assets', 'a b.js'), 'console.log(1)');
    writeFileSync(join(root, '..', 'custode-outside.txt'), 'outside');
    registerAppScheme();
    serveRenderer(root);
    handler = recorded.protocolHandlers.get('app')!;
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(join(root, '..', 'custode-outside.txt'), { force: true });
  });

  const get = async (url: string) => {
    const response = await handler(new Request(url));
    return { status: response.status, body: await response.text(), csp: response.headers.get('content-security-policy') };
  };

  it('registers app as a standard, secure scheme before ready', () => {
    expect(recorded.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves the page and its assets with the CSP', async () => {
    expect(await get('app://custode/index.html')).toMatchObject({ status: 200, body: '<!doctype html><title>Custode</title>' });
    expect(await get('app://custode/')).toMatchObject({ status: 200 });
    const asset = await get('app://custode/assets/a%20b.js');
    expect(asset).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect(asset.csp).toContain("default-src 'self'");
  });

  const refusals: [string, string, number][] = [
    ['a stray % (decodeURIComponent throws)', 'app://custode/%E0', 400],
    ['a lone %', 'app://custode/assets/%', 400],
    ['a NUL byte', 'app://custode/index.html%00.js', 400],
    ['a missing file (net.fetch rejects)', 'app://custode/nope.js', 404],
    ['a folder', 'app://custode/assets', 404],
    ['another host', 'app://evil/index.html', 404],
    ['an encoded climb out of the folder', 'app://custode/..%2Fcustode-outside.txt', 403],
  ];
  for (const [what, url, status] of refusals) {
    it(`answers ${status} to ${what}, never throwing or rejecting`, async () => {
      const response = await get(url);
      expect(response.status).toBe(status);
      expect(response.csp).toContain("default-src 'self'");
      expect(response.body).not.toContain('outside');
    });
  }

  it('answers a request whose URL does not parse with 400', async () => {
    const response = await handler({ url: 'app://cus tode/' } as Request);
    expect(response.status).toBe(400);
  });
});
