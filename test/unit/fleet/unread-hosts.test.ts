import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app/create-core.ts';
import { readUnread, unreadError } from '../../../electron/core/fleet/unread-hosts.ts';
import type { ProgressUpdate } from '../../../electron/core/jobs/job-registry.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import { closedPort } from '../../closed-port.ts';

// A restore's copies and a drill read first the ESXi hosts Custode never read: that step is the work's progress too,
// so that a host that does not answer shows what is being waited for, and may be cancelled.
describe('reading hosts not read yet', () => {
  let dataDir: string;
  let core: Core;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'custode-unread-'));
    createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() }).close();
    const db = new DatabaseSync(join(dataDir, 'custode.sqlite'));
    db.prepare("INSERT INTO hosts (id, role, name, address, port, username, auth, has_secret, created_at) VALUES ('h1', 'esxi', 'esxi-spento', '127.0.0.1', ?, 'root', 'password', 0, 0)").run(await closedPort());
    db.close();
    core = createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() });
  });
  afterEach(() => {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports the reading as the first fifth of the progress, host by host', async () => {
    const updates: ProgressUpdate[] = [];
    await readUnread(core.fleet, ['h1'], { signal: new AbortController().signal, progress: (u) => void updates.push(u) });
    expect(updates.map((u) => [u.stepKey, u.fraction, u.stepParams?.done, u.stepParams?.total])).toEqual([
      ['fleet.refresh.progress', 0, 0, 1],
      ['fleet.refresh.progress', 0.2, 1, 1],
    ]);
    expect(updates.at(-1)?.stepParams?.name).toBe('esxi-spento');
    // Still not read: the error names it and why.
    expect(unreadError(core.fleet, ['h1'])?.code).toBe('fleet.notRead');
    expect(unreadError(core.fleet, ['h1'])?.message).toContain('esxi-spento (ssh.unreachable)');
  });

  it('is stopped by work already cancelled, and leaves no connection attempt behind to fail unseen', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readUnread(core.fleet, ['h1'], { signal: controller.signal })).rejects.toThrow();
  });
});
