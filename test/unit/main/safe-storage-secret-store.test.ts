import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recorded, resetElectron } from './electron-stub.ts';

vi.mock('electron', () => import('./electron-stub.ts'));
const { SafeStorageSecretStore } = await import('../../../electron/main/adapters/safe-storage-secret-store.ts');

describe.skipIf(process.platform !== 'linux')('safeStorage secret store', () => {
  let dir: string;
  let file: string;
  let consent: boolean;
  const store = () => new SafeStorageSecretStore(file, () => consent);

  beforeEach(() => {
    resetElectron();
    consent = false;
    dir = mkdtempSync(join(tmpdir(), 'custode-secrets-'));
    file = join(dir, 'data', 'secrets.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps 100 keys out of 100 concurrent set() calls, with no temp file left and the file 0600', async () => {
    const s = store();
    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => s.set(`host-${i}`, `password ${i}`)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const vault = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(vault)).toHaveLength(100);
    for (let i = 0; i < 100; i++) expect(await s.get(`host-${i}`)).toBe(`password ${i}`);
    expect(readdirSync(join(dir, 'data'))).toEqual(['secrets.json']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('password');
  });

  it('keeps sets and deletes in the order they were asked', async () => {
    const s = store();
    await Promise.all([s.set('a', '1'), s.set('b', '2'), s.delete('a'), s.set('c', '3'), s.delete('nothing')]);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object).sort()).toEqual(['b', 'c']);
  });

  it('a failed write does not block the ones after it', async () => {
    const s = store();
    recorded.safeStorage.encryptFails = true;
    await expect(s.set('a', '1')).rejects.toThrow();
    recorded.safeStorage.encryptFails = false;
    await s.set('b', '2');
    expect(await s.get('b')).toBe('2');
  });

  it('calls it the OS keychain only when a probe string was encrypted with a keyring key (v11)', async () => {
    recorded.safeStorage.prefix = 'v11';
    expect(await store().backend()).toEqual({ kind: 'os-keychain', name: 'gnome_libsecret' });
  });

  it('calls it the fixed key (basic_text) when the probe came out v10, even though the session guessed a keyring', async () => {
    // A GNOME session without a working Secret Service: Electron still says gnome_libsecret and "available".
    recorded.safeStorage.prefix = 'v10';
    recorded.safeStorage.backend = 'gnome_libsecret';
    expect(await store().backend()).toEqual({ kind: 'basic-text', name: 'basic_text' });
    await expect(store().set('h', 'pw')).rejects.toMatchObject({ code: 'secrets.basicTextNotAccepted' });
    expect(() => statSync(file)).toThrow();
    consent = true;
    await store().set('h', 'pw');
    expect(await store().get('h')).toBe('pw');
  });

  it('is unavailable when encryption is not available or the probe cannot be encrypted', async () => {
    recorded.safeStorage.available = false;
    expect(await store().backend()).toMatchObject({ kind: 'unavailable' });
    await expect(store().set('h', 'pw')).rejects.toMatchObject({ code: 'secrets.unavailable' });
    recorded.safeStorage.available = true;
    recorded.safeStorage.encryptFails = true;
    expect(await store().backend()).toMatchObject({ kind: 'unavailable' });
  });

  it('returns a secret it decrypted even when storing it again with the newer key fails', async () => {
    await store().set('h', 'pw');
    recorded.safeStorage.reEncrypt = true;
    recorded.safeStorage.encryptFails = true;
    expect(await store().get('h')).toBe('pw');
    recorded.safeStorage.encryptFails = false;
    recorded.safeStorage.prefix = 'v10'; // re-encrypting now needs a consent the user has not given
    expect(await store().get('h')).toBe('pw');
  });

  it('says which keys it holds without decrypting them', async () => {
    const s = store();
    await s.set('h1', 'pw');
    const decrypt = vi.fn();
    const { safeStorage } = await import('./electron-stub.ts');
    const original = safeStorage.decryptStringAsync;
    safeStorage.decryptStringAsync = decrypt;
    expect(await s.has('h1')).toBe(true);
    expect(await s.has('h2')).toBe(false);
    expect(await s.has('__proto__')).toBe(false);
    safeStorage.decryptStringAsync = original;
    expect(decrypt).not.toHaveBeenCalled();
  });
});
