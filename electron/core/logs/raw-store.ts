import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, existsSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * The original bytes of every catalogued log, gzip-compressed, named by their SHA-256 under `<data>/logs/raw/`.
 * Written to a temporary name, flushed and renamed, so a crash leaves either no file or the whole one; the same
 * content is stored once however many times it is harvested. The catalog row names the blob only after it is here.
 */
export class RawStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'logs', 'raw');
  }

  blobName(sha256: string): string {
    return `${sha256.slice(0, 2)}/${sha256}.gz`;
  }

  put(sha256: string, bytes: Uint8Array): string {
    const name = this.blobName(sha256);
    const path = join(this.dir, name);
    if (existsSync(path)) return name;
    mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, gzipSync(bytes, { level: 6 }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    return name;
  }

  get(name: string): Buffer {
    return gunzipSync(readFileSync(join(this.dir, name)));
  }
}
