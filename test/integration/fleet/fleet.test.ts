import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { custodeInProcess } from '../../custode-in-process.ts';
import { createCore, type Core } from '../../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import type { EsxiStatus, FleetView } from '../../../shared/ipc/fleet.ts';
import type { AuditItem } from '../../../shared/ipc/audit.ts';
import type { ConnectionState } from '../../../shared/ipc/ssh.ts';
import { startLab, teardownLab, type Lab, type LabHost } from '../../lab/api.ts';
import { coreCalls } from '../core-calls.ts';

const skip =
  typeof process.getuid === 'function' && process.getuid() !== 0 ? 'the lab needs root (mount namespaces)' : !existsSync('/usr/sbin/sshd') ? 'openssh-server is not installed' : null;
if (skip) console.log(`[fleet] skipped: ${skip}`);

/**
 * The fleet end to end through the app's own contract (router, jobs, events, UI prompts answered as the UI would),
 * against the seed lab: the NAS and five hosts added by fingerprint, the view, and a dead host during a refresh.
 */
describe.skipIf(skip !== null)('fleet against the seed lab', () => {
  let lab: Lab;
  let core: Core;
  let dataDir: string;
  const secrets = new MemorySecretStore();
  const shownFingerprints = new Map<string, string>();
  const updated: string[] = [];

  const { call, job } = coreCalls(() => core);
  const view = () => call<FleetView>('fleet.view', {});
  const esxi = (v: FleetView, name: string): EsxiStatus => v.esxi.find((e) => e.host.name === name)!;

  beforeAll(async () => {
    // A lab reuses the host state it finds; these tests fault hosts, so each run starts from a new one.
    const stateDir = '/var/tmp/custode-lab-fleet-it';
    await teardownLab(stateDir);
    rmSync(stateDir, { recursive: true, force: true });
    lab = await startLab({ topology: 'seed', stateDir });
    dataDir = mkdtempSync(join(tmpdir(), 'custode-fleet-it-'));
    core = createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: secrets });
    core.events.subscribe((event, payload) => {
      if (event === 'fleet:hostUpdated') updated.push((payload as { hostId: string }).hostId);
      if (event === 'ssh:hostKeyPrompt') {
        // What the user checks in the dialog: the fingerprint shown for that address.
        const p = payload as { promptId: string; host: string; fingerprint: string };
        shownFingerprints.set(p.host, p.fingerprint);
        void core.router.dispatch('ssh.hostKey.answer', { promptId: p.promptId, decision: 'trust' }, { signal: new AbortController().signal });
      }
    });
  });
  afterAll(async () => {
    core?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await lab?.stop();
  });

  const add = (h: LabHost, extra: Record<string, unknown> = {}) =>
    job('fleet.addHost', { host: { role: h.role, address: h.address, port: h.port, auth: 'password' }, password: h.password, remember: true, ...extra });

  it('adds the NAS and the five hosts, each after its fingerprint was shown, and saves them', async () => {
    const nas = lab.host('truenas');
    expect(await add(nas)).toMatchObject({ state: 'succeeded' });
    const hosts = lab.hosts.filter((h) => h.role === 'esxi');
    const results = await Promise.all(hosts.map((h) => add(h)));
    expect(results.map((r) => r.state)).toEqual(hosts.map(() => 'succeeded'));
    for (const h of [nas, ...hosts]) expect(shownFingerprints.get(h.address)).toBe(h.fingerprint);
    const v = await view();
    expect(v.nas.map((n) => n.host.name)).toEqual(['truenas']);
    expect(v.esxi.map((e) => e.host.name).sort()).toEqual(hosts.map((h) => h.hostname).sort());
    expect(v.esxi.filter((e) => e.state !== 'ok' || !e.host.hasSecret).map((e) => [e.host.name, e.state, e.findings.map((f) => f.params)])).toEqual([]);
  });

  it('refuses a host already in the fleet, and saves nothing for a wrong password', async () => {
    const again = await add(lab.host('esxi-08'));
    expect(again).toMatchObject({ state: 'failed', error: { code: 'fleet.hostExists' } });
    await call('fleet.removeHost', { hostId: esxi(await view(), 'esxi-12').host.id, reason: 'added again with a wrong password' });
    const wrong = await add(lab.host('esxi-12'), { password: 'not-the-password' });
    expect(wrong).toMatchObject({ state: 'failed', error: { code: 'ssh.authFailed' } });
    expect((await view()).esxi.map((e) => e.host.name)).not.toContain('esxi-12');
    expect((await add(lab.host('esxi-12'))).state).toBe('succeeded');
  });

  it('shows every VM with its copies, the snapshot and independent-disk blockers, and the schedule in words', async () => {
    const v = await view();
    const h = esxi(v, 'esxi-08');
    expect(h).toMatchObject({ version: '8.0.3', hostname: 'esxi-08', identityIp: '10.0.0.8', secureBoot: 'disabled', lock: 'none', backupVolume: '/vmfs/volumes/VM_backup_10.0.0.8' });
    expect(h.installs).toEqual([{ kind: 'datastore', path: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh', version: '2025_10_30_1', acceptsEsxi: true }]);
    expect(h.schedules).toHaveLength(1);
    expect(h.schedules[0]!.text).toEqual({ en: 'Every day at 04:30 (UTC, the host clock)', it: 'Ogni giorno alle 04:30 (UTC, orologio dell’host)' });
    expect(new Date(h.schedules[0]!.nextRun!).toISOString()).toMatch(/T04:30:00\.000Z$/);
    expect(h.schedules[0]!.survivesReboot).toBe(true);
    expect(h.lastRun).toMatchObject({ exitCode: 5, aborted: false, vmsOk: 4, vmsProblem: 1 });
    expect(h.vms.map((vm) => vm.name)).toEqual(['segreteria-dc01', 'segreteria-files', 'segreteria-app', 'segreteria gestionale scuola', 'segreteria-test']);
    const byName = new Map(h.vms.map((vm) => [vm.name, vm]));
    const app = byName.get('segreteria-app')!;
    expect(app.snapshots).toBe(1);
    expect(app.blockers[0]).toMatchObject({ code: 'fleet.vm.willBeSkippedSnapshot', severity: 'error' });
    expect(app.lastOutcome).toBe('skipped_has_snapshot');
    const files = byName.get('segreteria-files')!;
    expect(files.independentDisks).toBe(1);
    expect(files.blockers.map((b) => b.code)).toEqual(['fleet.vm.independentNotBackedUp']);
    for (const name of ['segreteria-dc01', 'segreteria-files', 'segreteria gestionale scuola', 'segreteria-test']) {
      const vm = byName.get(name)!;
      expect(vm.copies).toHaveLength(3);
      expect(vm.rotation).toBe(3);
      expect(vm.lastGood?.folder).toMatch(new RegExp(`^${name}-\\d{4}-\\d{2}-\\d{2}_04-30-00$`));
    }
    expect(byName.get('segreteria-test')!.powerState).toBe('poweredOff');
    // Every host of the seed, every VM listed.
    expect(v.esxi.reduce((n, e) => n + e.vms.length, 0)).toBe(25);
    const share = v.nas[0]!.shares.find((s) => s.path.endsWith('ESXI_10.0.0.8'))!;
    expect(share).toMatchObject({ hosts: ['10.0.0.8'], maproot: 'root:root', readOnly: false, snapshotTask: false });
    expect(share.availableBytes).toBeGreaterThan(0);
  });

  it('turns lab faults into blockers: stale lock, read-only share, full share, unsupported ESXi', async () => {
    await lab.fault('esxi-02', 'stale-lock');
    await lab.fault('esxi-06', 'share-readonly', 'on');
    await lab.fault('esxi-07', 'nas-full', 'on');
    await lab.fault('esxi-12', 'esxi-version', '8.0.4');
    expect((await job('fleet.refresh', {})).state).toBe('succeeded');
    const v = await view();
    const codes = (name: string) => esxi(v, name).vms[0]!.blockers.map((b) => b.code);
    expect(esxi(v, 'esxi-02').lock).toBe('stale');
    expect(codes('esxi-02')).toContain('fleet.host.staleLock');
    expect(codes('esxi-06')).toContain('fleet.share.readOnly');
    expect(codes('esxi-07')).toContain('fleet.share.full');
    expect(codes('esxi-12')).toContain('fleet.host.esxiUnsupported');
    expect(codes('esxi-08')).toEqual([]);
  });

  it('marks a stopped host unreachable and still refreshes the others', async () => {
    const before = esxi(await view(), 'esxi-06');
    await lab.fault('esxi-06', 'stop');
    // The kept connection learns of the drop from its socket a moment later; a refresh inside that moment is told
    // "connection lost" (also unreachable, other words). This case is the host found off, so it waits for that.
    await vi.waitFor(async () => {
      const states = await call<ConnectionState[]>('ssh.states', {});
      expect(states.find((c) => c.hostId === before.host.id)?.state ?? 'idle').not.toBe('ready');
    }, { timeout: 30_000, interval: 50 });
    updated.length = 0;
    const result = await job('fleet.refresh', {});
    expect(result.state).toBe('succeeded');
    const outcomes = result.result as { name: string; state: string }[];
    expect(outcomes.find((o) => o.name === 'esxi-06')!.state).toBe('unreachable');
    expect(outcomes.filter((o) => o.name !== 'esxi-06').every((o) => o.state === 'ok')).toBe(true);
    expect(updated).toHaveLength(6);
    const dead = esxi(await view(), 'esxi-06');
    expect(dead).toMatchObject({ state: 'unreachable', error: { code: 'ssh.unreachable' } });
    expect(dead.findings[0]).toMatchObject({ code: 'fleet.host.unreachable', severity: 'error' });
    // The last known VMs stay visible, dated by the last successful check.
    expect(dead.vms).toHaveLength(before.vms.length);
    expect(dead.probedAt).toBe(before.probedAt);
    await lab.fault('esxi-06', 'start');
  });

  it('the CLI prints the plan, refuses an unknown host key with its fingerprint, then adds the host with --accept-fingerprint, --reason and --yes', async () => {
    const home = mkdtempSync(join(tmpdir(), 'custode-fleet-cli-'));
    const cli = (argv: string[], stdin = '') => custodeInProcess(argv, { CUSTODE_HOME: home }, stdin);
    try {
      const h = lab.host('esxi-08');
      const reason = 'host nuovo per il laboratorio di informatica';
      const plan = await cli(['fleet', 'add-host', h.address, '--password-stdin', '--accept-fingerprint', h.fingerprint, '--lang', 'en']);
      expect(plan.code).toBe(0);
      expect(plan.out).toContain(`custode fleet add-host ${h.address} --port 22 --user root --auth password`);
      expect(JSON.parse((await cli(['fleet', 'list', '--json'])).out)).toEqual([]);
      const refused = await cli(['fleet', 'add-host', h.address, '--password-stdin', '--reason', reason, '--yes'], `${h.password}\n`);
      expect(refused.code).toBe(3);
      expect(refused.err).toContain(`--accept-fingerprint ${h.fingerprint}`);
      const wrong = await cli(['fleet', 'add-host', h.address, '--password-stdin', '--accept-fingerprint', 'SHA256:AAAA', '--reason', reason, '--yes'], `${h.password}\n`);
      expect(wrong.code).toBe(3);
      const added = await cli(['fleet', 'add-host', h.address, '--password-stdin', '--accept-fingerprint', h.fingerprint, '--reason', reason, '--yes', '--json'], `${h.password}\n`);
      expect(added.code).toBe(0);
      expect(JSON.parse(added.out).status.vms).toHaveLength(5);
      // Each attempt is in the trail with its reason; the accepted key too; the password nowhere.
      const trail = await cli(['audit', 'list', '--json']);
      const items = JSON.parse(trail.out) as AuditItem[];
      expect(items.filter((i) => i.subject === 'host.add').map((i) => [i.reason, i.outcome])).toEqual([
        [reason, 'succeeded'],
        [reason, 'failed'],
        [reason, 'failed'],
      ]);
      expect(items.some((i) => i.subject === 'trust.trusted' && i.target === h.address)).toBe(true);
      expect((await cli(['audit', 'export', '--format', 'json'])).out).not.toContain(h.password);
      expect(JSON.parse((await cli(['fleet', 'list', '--json'])).out)).toMatchObject([{ name: 'esxi-08', auth: 'password', hasSecret: false, state: 'ok' }]);
      // The CLI kept no password: a check needs it again, and fails without it.
      expect((await cli(['fleet', 'status', '--json'])).code).toBe(1);
      const status = await cli(['fleet', 'status', '--json', '--password-stdin'], `${h.password}\n`);
      expect(status.code).toBe(0);
      expect((JSON.parse(status.out) as FleetView).esxi[0]!.schedules[0]!.text!.it).toBe('Ogni giorno alle 04:30 (UTC, orologio dell’host)');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('keeps hosts and their last probes in the database across a restart', async () => {
    core.close();
    core = createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: secrets });
    const v = await view();
    expect(v.esxi).toHaveLength(5);
    expect(esxi(v, 'esxi-08').vms).toHaveLength(5);
    expect(esxi(v, 'esxi-06').state).toBe('unreachable');
  });
});
