import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors/app-error.ts';
import { holds, type LocalAction } from '../operations/local-actions.ts';
import type { SshService } from '../ssh/ssh-service.ts';

/**
 * Whole files a setup plan sends (a ghettoVCB.sh, a conf, local.sh, a key): kept here in memory by their SHA-256
 * while the plan waits for review, so the plan and the audit trail carry the hash and the path, never the bytes
 * (a private key among them). The upload writes a new file over SFTP; the plan's own checks make sure the path is
 * free, and its next step moves the file into place.
 */
/** Files held at most: those of the last plans (the operation service keeps 200 plans; a setup plan sends a few). */
const KEEP_FILES = 64;

export class SetupUploads {
  readonly #files = new Map<string, Buffer>();

  /** Keeps the bytes and returns their SHA-256 (hex); the oldest files go once more than KEEP_FILES are held. */
  keep(bytes: Buffer | string): string {
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    const sha = createHash('sha256').update(data).digest('hex');
    this.#files.delete(sha);
    this.#files.set(sha, data);
    while (this.#files.size > KEEP_FILES) this.#files.delete(this.#files.keys().next().value!);
    return sha;
  }

  get(sha: string): Buffer {
    const data = this.#files.get(sha);
    if (data === undefined) throw new AppError('setup.uploadGone', 'The file this plan sends is no longer held (Custode restarted since the plan was made); make the plan again', { sha256: sha });
    return data;
  }
}

export const sha256Of = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

export function uploadActions(ssh: SshService, uploads: SetupUploads): Record<string, LocalAction> {
  return {
    'setup.upload': async (params, ctx) => {
      const { hostId, path, sha256, mode } = params as { hostId: string; path: string; sha256: string; mode: number };
      await ssh.writeAtomic(hostId, path, uploads.get(sha256), { signal: ctx.signal, mode });
      return holds(true, `${path}: ${sha256}`);
    },
  };
}
