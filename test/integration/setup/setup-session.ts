// The lab machines added to a `custode` CLI session under their lab names, and a folder's files for before/after
// comparisons.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab } from '../../lab/api.ts';
import type { CliSession } from '../backup/cli-session.ts';

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

