// The lab machines added to a `custode` CLI session under their lab names, a lab with such a session for one describe
// block, and a folder's files for before/after comparisons.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startLab, teardownLab, type Lab } from '../../lab/api.ts';
import type { StartLabOptions } from '../../lab/lab.ts';
import { cliSession, type CliSession } from '../backup/cli-session.ts';

/** Adds a lab machine under its lab name, by key, its fingerprint accepted as the user would after checking it. */
export async function addNamed(cli: CliSession, lab: Lab, name: string): Promise<void> {
  const h = lab.host(name);
  const r = await cli.run(['fleet', h.role === 'nas' ? 'add-nas' : 'add-host', h.address, '--port', String(h.port), '--key', h.privateKeyPath, '--accept-fingerprint', h.fingerprint, '--name', name, '--reason', 'setup tests on the lab', '--yes']);
  if (r.code !== 0) throw new Error(`adding ${name} failed (${r.code}): ${r.err}`);
}

/**
 * Every file under a folder with its size, change time and (below 64 MiB) SHA-256, for before/after comparisons;
 * the copies' flat disks are sparse files of hundreds of GB, compared by size and ctime.
 */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, rel);
    const st = statSync(path);
    if (!st.isFile()) continue;
    out[rel] = `${st.size} ${st.ctimeMs} ${st.size < 64 * 1024 * 1024 ? createHash('sha256').update(readFileSync(path)).digest('hex') : ''}`;
  }
  return out;
}


export interface SetupLab {
  readonly lab: Lab;
  readonly cli: CliSession;
}

/**
 * A lab in its own state folder (one left over from an earlier run taken down first) with a CLI that added the
 * named machines, for the tests of one describe block; both are gone after it.
 */
export function useSetupLab(options: StartLabOptions & { stateDir: string }, names: readonly string[]): SetupLab {
  let lab: Lab | undefined;
  let cli: CliSession | undefined;
  beforeAll(async () => {
    await teardownLab(options.stateDir);
    rmSync(options.stateDir, { recursive: true, force: true });
    lab = await startLab(options);
    cli = cliSession();
    for (const name of names) await addNamed(cli, lab, name);
  }, 600_000);
  afterAll(async () => {
    cli?.close();
    await lab?.stop();
    rmSync(options.stateDir, { recursive: true, force: true });
  });
  const up = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the lab is not up');
    return value;
  };
  return {
    get lab() {
      return up(lab);
    },
    get cli() {
      return up(cli);
    },
  };
}
