// A `custode` CLI bound to one data folder, run in-process, with the lab's client key for every login.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main.ts';
import type { CliIo } from '../../../electron/cli/io.ts';
import type { Lab, LabHost } from '../../lab/api.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export interface CliSession {
  home: string;
  run(argv: string[], lang?: 'en' | 'it'): Promise<CliRun>;
  /** Adds the lab machine by key, its fingerprint accepted as the user would after checking it. */
  add(host: LabHost): Promise<void>;
  close(): void;
}

export function cliSession(): CliSession {
  const home = mkdtempSync(join(tmpdir(), 'custode-backup-cli-'));
  const run = async (argv: string[], lang: 'en' | 'it' = 'en'): Promise<CliRun> => {
    let out = '';
    let err = '';
    const io: CliIo = {
      out: (t) => void (out += t),
      err: (t) => void (err += t),
      chunks: async function* () {},
      readText: async () => '',
      env: { CUSTODE_HOME: home, LANG: lang === 'it' ? 'it_IT.UTF-8' : 'C', TZ: 'UTC' },
    };
    return { code: await runCli(argv, io), out, err };
  };
  return {
    home,
    run,
    async add(h) {
      const r = await run(['fleet', h.role === 'nas' ? 'add-nas' : 'add-host', h.address, '--port', String(h.port), '--key', h.privateKeyPath, '--accept-fingerprint', h.fingerprint]);
      if (r.code !== 0) throw new Error(`adding ${h.name} failed (${r.code}): ${r.err}`);
    },
    close: () => rmSync(home, { recursive: true, force: true }),
  };
}

export const labSkip = (): string | null =>
  process.platform !== 'linux' || process.getuid?.() !== 0 ? 'the lab needs Linux and root (mount namespaces + sshd)' : null;

export type { Lab };
