import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { datastoreInfoCommand, datastoreSummaryCommand } from '../../../electron/core/esxi/datastores.ts';
import { filesystemListCommand } from '../../../electron/core/esxi/filesystems.ts';
import { getAllVmsCommand } from '../../../electron/core/esxi/getallvms.ts';
import { lockProbeCommand, parseLockProbe } from '../../../electron/core/esxi/ghettovcb-lock.ts';
import { readCrontabCommand, readFileCommand, readLocalShCommand } from '../../../electron/core/esxi/host-files.ts';
import { hostnameCommand, ipv4InterfacesCommand } from '../../../electron/core/esxi/host-identity.ts';
import { execInstalledOnlyCommand, secureBootCommand } from '../../../electron/core/esxi/host-security.ts';
import { systemVersionCommand, vmwareLevelCommand, vmwareVersionCommand } from '../../../electron/core/esxi/host-version.ts';
import { nfs3ListCommand, nfs41ListCommand } from '../../../electron/core/esxi/nfs-mounts.ts';
import { powerStateCommand } from '../../../electron/core/esxi/power-state.ts';
import { snapshotGetCommand } from '../../../electron/core/esxi/snapshot-tree.ts';
import { vibGetCommand, vibListCommand } from '../../../electron/core/esxi/vibs.ts';
import { vmConfigCommand } from '../../../electron/core/esxi/vm-config.ts';
import { vmSummaryCommand } from '../../../electron/core/esxi/vm-summary.ts';
import type { ShellCommand } from '../../../electron/core/shell/command.ts';
import { argvThroughShell, hostileText, SHELLS } from './shell-roundtrip.ts';

interface Case {
  title: string;
  program: string;
  build: (value: string) => ShellCommand;
  argv: (value: string) => string[];
  values: fc.Arbitrary<string>;
}

const none = fc.constant('');
const vmid = fc.integer({ min: 0, max: 2 ** 31 }).map(String);
const path = hostileText.map((s) => `/vmfs/volumes/${s}/x.vmx`);

const cases: Case[] = [
  { title: 'vmware -v', program: 'vmware', build: () => vmwareVersionCommand(), argv: () => ['-v'], values: none },
  { title: 'vmware -l', program: 'vmware', build: () => vmwareLevelCommand(), argv: () => ['-l'], values: none },
  { title: 'system version get', program: 'esxcli', build: () => systemVersionCommand(), argv: () => ['system', 'version', 'get'], values: none },
  { title: 'hostname get', program: 'esxcli', build: () => hostnameCommand(), argv: () => ['system', 'hostname', 'get'], values: none },
  { title: 'ipv4 get', program: 'esxcli', build: () => ipv4InterfacesCommand(), argv: () => ['network', 'ip', 'interface', 'ipv4', 'get'], values: none },
  { title: 'nfs41 list', program: 'esxcli', build: () => nfs41ListCommand(), argv: () => ['storage', 'nfs41', 'list'], values: none },
  { title: 'nfs list', program: 'esxcli', build: () => nfs3ListCommand(), argv: () => ['storage', 'nfs', 'list'], values: none },
  { title: 'filesystem list', program: 'esxcli', build: () => filesystemListCommand(), argv: () => ['storage', 'filesystem', 'list'], values: none },
  { title: 'vib list', program: 'esxcli', build: () => vibListCommand(), argv: () => ['software', 'vib', 'list'], values: none },
  { title: 'vib get', program: 'esxcli', build: (v) => vibGetCommand(v), argv: (v) => ['software', 'vib', 'get', '-n', v], values: hostileText },
  { title: 'advanced list', program: 'esxcli', build: () => execInstalledOnlyCommand(), argv: () => ['system', 'settings', 'advanced', 'list', '-o', '/User/execInstalledOnly'], values: none },
  { title: 'secureBoot.py -s', program: '/usr/lib/vmware/secureboot/bin/secureBoot.py', build: () => secureBootCommand(), argv: () => ['-s'], values: none },
  { title: 'getallvms', program: 'vim-cmd', build: () => getAllVmsCommand(), argv: () => ['vmsvc/getallvms'], values: none },
  { title: 'power.getstate', program: 'vim-cmd', build: (v) => powerStateCommand(v), argv: (v) => ['vmsvc/power.getstate', v], values: vmid },
  { title: 'snapshot.get', program: 'vim-cmd', build: (v) => snapshotGetCommand(v), argv: (v) => ['vmsvc/snapshot.get', v], values: vmid },
  { title: 'get.summary', program: 'vim-cmd', build: (v) => vmSummaryCommand(v), argv: (v) => ['vmsvc/get.summary', v], values: vmid },
  { title: 'get.config', program: 'vim-cmd', build: (v) => vmConfigCommand(v), argv: (v) => ['vmsvc/get.config', v], values: vmid },
  { title: 'listsummary', program: 'vim-cmd', build: () => datastoreSummaryCommand(), argv: () => ['hostsvc/datastore/listsummary'], values: none },
  { title: 'datastore info', program: 'vim-cmd', build: (v) => datastoreInfoCommand(v), argv: (v) => ['hostsvc/datastore/info', v], values: hostileText },
  { title: 'cat crontab', program: 'cat', build: () => readCrontabCommand(), argv: () => ['/var/spool/cron/crontabs/root'], values: none },
  { title: 'cat local.sh', program: 'cat', build: () => readLocalShCommand(), argv: () => ['/etc/rc.local.d/local.sh'], values: none },
  { title: 'cat any file', program: 'cat', build: (v) => readFileCommand(v), argv: (v) => [v], values: path },
];

describe.each(SHELLS)('every ESXi builder round-trips its arguments through $name', (shell) => {
  for (const c of cases) {
    it(c.title, () => {
      const values = fc.sample(c.values, { numRuns: 150, seed: 4242 });
      const argvs = argvThroughShell(shell, values.map((v) => ({ command: c.build(v), program: c.program })));
      expect(argvs).toEqual(values.map((v) => c.argv(v)));
    });
  }

  it('a relative path that looks like an option is read as a file', () => {
    const [argv] = argvThroughShell(shell, [{ command: readFileCommand('-n x'), program: 'cat' }]);
    expect(argv).toEqual(['./-n x']);
  });
});

describe('vmid validation', () => {
  it('refuses anything but digits before it reaches a command line', () => {
    expect(() => powerStateCommand('1; reboot')).toThrowError(expect.objectContaining({ code: 'esxi.invalidVmid' }));
    expect(() => snapshotGetCommand('')).toThrowError(expect.objectContaining({ code: 'esxi.invalidVmid' }));
  });
});

const scratch = mkdtempSync(join(tmpdir(), 'custode-lock-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(SHELLS)('the lock probe runs under $name', (shell) => {
  const run = (workdir: string): string => execFileSync(shell.argv[0]!, [...shell.argv.slice(1), lockProbeCommand(workdir).text], { encoding: 'utf8' });

  it('finds hostile work directory names, their pid and files', () => {
    const names = fc.sample(hostileText.filter((s) => s !== '' && !s.includes('/') && s !== '.' && s !== '..'), { numRuns: 25, seed: 7 });
    for (const [i, name] of names.entries()) {
      const dir = join(scratch, `${shell.name.replace(/\W/g, '')}-${i}`, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'pid'), `${1000 + i}\n`);
      writeFileSync(join(dir, 'vms_list'), '');
      const probe = parseLockProbe(run(dir));
      expect(probe).toMatchObject({ state: 'present', pid: 1000 + i });
      expect(probe.files.sort()).toEqual(['pid', 'vms_list']);
      expect(probe.now! - probe.mtime!).toBeGreaterThanOrEqual(0);
    }
  });

  it('says absent, and notDirectory for a plain file', () => {
    expect(parseLockProbe(run(join(scratch, 'missing $(id)'))).state).toBe('absent');
    const file = join(scratch, `file ${shell.name}`);
    writeFileSync(file, '');
    expect(parseLockProbe(run(file)).state).toBe('notDirectory');
  });
});
