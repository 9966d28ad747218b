// A `custode` CLI bound to one data folder, run in-process, with the lab's client key for every login.
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { custodeInProcess, type CliRun } from '../../custode-in-process.ts';
import { startLab, teardownLab, type Lab, type LabHost } from '../../lab/api.ts';
import { labPaths } from '../../lab/lab-paths.ts';
import { shareDataset } from '../../lab/topology.ts';

export interface CliSession {
  home: string;
  run(argv: string[], lang?: 'en' | 'it'): Promise<CliRun>;
  /** Adds the lab machine by key, its fingerprint accepted as the user would after checking it. */
  add(host: LabHost): Promise<void>;
  close(): void;
}

export function cliSession(): CliSession {
  const home = mkdtempSync(join(tmpdir(), 'custode-backup-cli-'));
  const run = (argv: string[], lang: 'en' | 'it' = 'en'): Promise<CliRun> =>
    custodeInProcess(argv, { CUSTODE_HOME: home, LANG: lang === 'it' ? 'it_IT.UTF-8' : 'C', TZ: 'UTC' });
  return {
    home,
    run,
    async add(h) {
      const r = await run(['fleet', h.role === 'nas' ? 'add-nas' : 'add-host', h.address, '--port', String(h.port), '--key', h.privateKeyPath, '--accept-fingerprint', h.fingerprint, '--reason', 'backup tests on the lab', '--yes']);
      if (r.code !== 0) throw new Error(`adding ${h.name} failed (${r.code}): ${r.err}`);
    },
    close: () => rmSync(home, { recursive: true, force: true }),
  };
}

export const labSkip = (): string | null =>
  process.platform !== 'linux' || process.getuid?.() !== 0 ? 'the lab needs Linux and root (mount namespaces + sshd)' : null;

export type { Lab };

export interface SmallLab {
  readonly lab: Lab;
  readonly cli: CliSession;
  /** The folder of esxi-08's backup share on the NAS, as the NAS holds it. */
  shareDir(): string;
}

/**
 * The small lab in its own state folder (left over from an earlier run: taken down first), with a CLI that added its
 * NAS and esxi-08, for the tests of one describe block; `script` installs that ghettoVCB instead of the stand-in,
 * and `skip` starts nothing.
 */
export function useSmallLab(stateDir: string, options: { script?: string | undefined; skip?: boolean } = {}): SmallLab {
  let lab: Lab | undefined;
  let cli: CliSession | undefined;
  beforeAll(async () => {
    await teardownLab(stateDir);
    rmSync(stateDir, { recursive: true, force: true });
    if (options.skip === true) return;
    lab = await startLab({ topology: 'small', stateDir, ...(options.script !== undefined ? { ghettovcbScript: options.script } : {}) });
    cli = cliSession();
    await cli.add(lab.host('truenas'));
    await cli.add(lab.host('esxi-08'));
  }, 300_000);
  afterAll(async () => {
    cli?.close();
    await lab?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });
  return {
    get lab() {
      if (lab === undefined) throw new Error('the lab is not up');
      return lab;
    },
    get cli() {
      if (cli === undefined) throw new Error('the lab is not up');
      return cli;
    },
    shareDir: () => join(labPaths(stateDir).nasMnt, shareDataset('10.0.0.8')),
  };
}

/** Polls the lab (a file, a process, the CLI's record) until `ok` holds; every try is 100 ms apart. */
export async function until(what: string, ok: () => Promise<boolean> | boolean, tries = 600): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`waited in vain for ${what}`);
}
