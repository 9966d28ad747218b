import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { StepAction, StepTarget } from '../../../shared/model/operation.ts';
import { AuditStore } from '../../../electron/core/audit/audit-store.ts';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import type { StepExecutor } from '../../../electron/core/operations/executor.ts';
import { AccessJournal, type JournalEntry } from '../../../electron/core/restore/cross-host/access-journal.ts';
import { OpenAccesses } from '../../../electron/core/restore/cross-host/open-accesses.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const host = { kind: 'host' as const, hostId: 'h-b', name: 'esxi-002', address: '127.10.0.3' };
const nas = { kind: 'host' as const, hostId: 'h-nas', name: 'truenas', address: '127.10.0.2' };
const entry = (id: string, change: JournalEntry['change'] = null): JournalEntry => ({
  id,
  openedAt: Date.UTC(2026, 11, 6, 22, 15),
  host,
  nas,
  mount: { volume: `custode-restore-${id}`, server: '10.0.0.9', share: '/mnt/tank/backups/esxi-001', version: 'nfs41' },
  change,
});

// `esxcli storage nfs41 list` as ESXi prints it, with the temporary datastore mounted.
const NFS41 = [
  'Volume Name         Host(s)   Share                       Accessible  Mounted  Read-Only  Security  isPE   Hardware Acceleration',
  '------------------  --------  --------------------------  ----------  -------  ---------  --------  -----  ---------------------',
  'custode-restore-r1  10.0.0.9  /mnt/tank/backups/esxi-001  true        true     true       AUTH_SYS  false  Not Supported',
].join('\n');

/** Answers like the host would, or fails like an unreachable one; records what was sent where. */
function answering(state: { down: boolean; mounted: boolean; sent: string[] }): StepExecutor {
  return {
    send(target: StepTarget, action: StepAction) {
      if (action.kind === 'local' || target.kind !== 'host') throw new Error('host commands only');
      if (state.down) return Promise.reject(new AppError('ssh.unreachable', `${target.name} does not answer`, { host: target.name }));
      state.sent.push(`${target.name}: ${action.command}`);
      if (action.command === 'esxcli storage nfs41 list') return Promise.resolve({ exitCode: 0, output: state.mounted ? `${NFS41}\n` : '' });
      if (action.command.startsWith('esxcli storage nfs41 remove')) {
        state.mounted = false;
        return Promise.resolve({ exitCode: 0, output: '' });
      }
      if (action.command.startsWith('test ! -e')) return Promise.resolve({ exitCode: state.mounted ? 1 : 0, output: '' });
      return Promise.resolve({ exitCode: 127, output: `unexpected: ${action.command}` });
    },
  };
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'custode-open-accesses-'));
  dirs.push(dir);
  const state = { down: true, mounted: true, sent: [] as string[] };
  const audit = new AuditStore(openDatabase(join(dir, 'custode.sqlite')));
  const journal = new AccessJournal(dir);
  let t = Date.UTC(2026, 11, 7, 8, 0);
  const accesses = new OpenAccesses({ executor: answering(state), audit, journal, now: () => (t += 1000) });
  const changes: number[] = [];
  accesses.onChange((open) => changes.push(open));
  return { dir, state, audit, journal, accesses, changes };
}

describe('open temporary accesses', () => {
  it('lists each journal entry with what it changed: the datastore, and the export widened from which hosts to which', () => {
    const { journal, accesses } = setup();
    journal.put(entry('r1'));
    journal.put(entry('r2', { original: { id: 4, fields: { id: 4, hosts: ['10.0.1.1'] }, text: '{}' }, widenedHosts: ['10.0.1.1', '10.0.1.2'] }));
    expect(accesses.list()).toEqual([
      expect.objectContaining({ id: 'r1', datastore: 'custode-restore-r1', share: '/mnt/tank/backups/esxi-001', host: { hostId: 'h-b', name: 'esxi-002', address: '127.10.0.3' }, widenedTo: null, originalHosts: null, lastError: null, closing: false, inUse: false }),
      expect.objectContaining({ id: 'r2', widenedTo: ['10.0.1.1', '10.0.1.2'], originalHosts: ['10.0.1.1'] }),
    ]);
  });

  it('keeps the error of the attempt at start instead of dropping it, then closes on demand once the host answers', async () => {
    const { state, audit, journal, accesses, changes } = setup();
    journal.put(entry('r1'));
    await accesses.closeLeftovers({ signal: new AbortController().signal, reason: 'start', secrets: {} });
    const [listed] = accesses.list();
    expect(listed).toMatchObject({ id: 'r1', closing: false, lastError: { code: 'ssh.unreachable', details: { host: 'esxi-002' } } });
    expect(listed!.lastError!.at).toBeGreaterThan(Date.UTC(2026, 11, 7, 8, 0));
    expect(changes).toEqual([1, 1]);
    expect(state.sent).toEqual([]);

    state.down = false;
    const result = await accesses.close('r1', '  il NAS è tornato  ', { signal: new AbortController().signal });
    expect(result).toEqual({ id: 'r1', unmounted: true, exportRestored: false, operationId: expect.stringContaining('r1-access-close-') });
    expect(accesses.list()).toEqual([]);
    expect(journal.list()).toEqual([]);
    expect(state.sent).toContain('esxi-002: esxcli storage nfs41 remove --volume-name=custode-restore-r1');
    expect(changes).toEqual([1, 1, 1, 0]);
    const trail = audit.list({ subject: 'restore.access.close' });
    expect(trail.map((e) => [e.operationId, e.reason, e.outcome])).toContainEqual([result.operationId, 'il NAS è tornato', 'succeeded']);
  });

  it('keeps the last error in the journal: another process (the custode command, a later start) shows it too', async () => {
    const { dir, state, audit, journal, accesses } = setup();
    journal.put(entry('r1'));
    await accesses.closeLeftovers({ signal: new AbortController().signal, reason: 'start', secrets: {} });
    const other = new OpenAccesses({ executor: answering(state), audit, journal: new AccessJournal(dir) });
    expect(other.list()[0]!.lastError).toMatchObject({ code: 'ssh.unreachable', details: { host: 'esxi-002' } });
    expect(journal.get('r1')!.lastError).toEqual(accesses.list()[0]!.lastError);
    // Closed by the other one: the entry and its error are gone for both.
    state.down = false;
    await other.close('r1', 'il NAS è tornato', { signal: new AbortController().signal });
    expect(accesses.list()).toEqual([]);
  });

  it('a failed close on demand is kept with its code and params; nothing of another share is removed', async () => {
    const { state, journal, accesses } = setup();
    journal.put(entry('r1'));
    state.down = false;
    state.mounted = true;
    // The datastore now mounts another share: someone else's, left alone.
    journal.put({ ...entry('r1'), mount: { ...entry('r1').mount, share: '/mnt/tank/other' } });
    await expect(accesses.close('r1', 'retry', { signal: new AbortController().signal })).rejects.toMatchObject({ code: 'restore.access.volumeNotOurs' });
    expect(accesses.list()[0]!.lastError).toMatchObject({ code: 'restore.access.volumeNotOurs', details: { volume: 'custode-restore-r1', host: 'esxi-002' } });
    expect(state.sent.filter((s) => s.includes('remove'))).toEqual([]);
  });

  it('refuses before anything is sent: a blank reason, an access not open, one a restore is reading through', async () => {
    const { state, journal, accesses } = setup();
    state.down = false;
    journal.put(entry('r1'));
    const signal = new AbortController().signal;
    await expect(accesses.close('r1', '   ', { signal })).rejects.toMatchObject({ code: 'operations.reasonRequired' });
    await expect(accesses.close('r9', 'why', { signal })).rejects.toMatchObject({ code: 'restore.access.notOpen', details: { id: 'r9' } });
    let release!: () => void;
    const restoring = accesses.use('r1', () => new Promise<void>((r) => (release = r)));
    expect(accesses.list()[0]).toMatchObject({ inUse: true });
    await expect(accesses.close('r1', 'why', { signal })).rejects.toMatchObject({ code: 'restore.access.busy' });
    release();
    await restoring;
    expect(accesses.list()[0]).toMatchObject({ inUse: false, lastError: null });
    expect(state.sent).toEqual([]);
  });
});
