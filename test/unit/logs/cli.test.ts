import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nightlyLog } from './log-generator.ts';

const root = join(import.meta.dirname, '../../..');
const node = join(root, 'node_modules/.bin/node');

// Each call starts the CLI afresh (a second or more on a busy machine).
describe('custode logs import|runs|search|show', { timeout: 180_000 }, () => {
  let home: string;
  const custode = (...args: string[]) => {
    const r = spawnSync(node, [join(root, 'electron/cli/bin.mjs'), 'logs', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C', CUSTODE_HOME: join(home, 'data') } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'custode-logs-cli-'));
    mkdirSync(join(home, 'logs'));
    for (let d = 0; d < 3; d++) {
      const start = new Date(Date.UTC(2026, 1, 1 + d, 4, 30, 1));
      const vms = [
        { name: 'segreteria-dc01', outcome: 'ok' as const },
        { name: 'segreteria-app', outcome: d === 2 ? ('vmdk' as const) : ('ok' as const) },
      ];
      writeFileSync(join(home, 'logs', `ghettoVCB-${d}.log`), nightlyLog({ host: 'esxi-08', start, vms }));
    }
    writeFileSync(join(home, 'logs', 'notes.txt'), 'shopping list\n');
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('imports a folder, says what it refused and why, and a second import adds nothing', () => {
    const first = custode('import', join(home, 'logs'), '--host', 'esxi-08');
    expect(first.code).toBe(0);
    expect(first.out).toContain('4 files: 3 added, 0 updated, 0 already in the catalog, 1 refused');
    expect(first.out).toMatch(/refused\s+\S+notes\.txt.*logs\.notGhettoVcb: No line of this file is a ghettoVCB log line/);
    const second = custode('import', join(home, 'logs'), '--host', 'esxi-08', '--lang', 'it');
    expect(second.out).toContain('4 file: 0 aggiunti, 0 aggiornati, 3 già in archivio, 1 rifiutati');
    expect(second.out).toMatch(/rifiutato\s+\S+notes\.txt.*logs\.notGhettoVcb: Nessuna riga di questo file/);
  });

  it('speaks Italian with --lang it and English with --lang en in every summary line', () => {
    const it = custode('runs', '--host', 'esxi-08', '--lang', 'it').out;
    expect(it).toMatch(/esxi-08\s+Fallito\s+1 ok, 1 problemi/);
    expect(custode('runs', '--host', 'esxi-08', '--lang', 'en').out).toMatch(/esxi-08\s+Failed\s+1 ok, 1 problems/);
    expect(custode('search', 'segreteria-app', '--lang', 'it').out).toMatch(/\d+ righe trovate in 3 esecuzioni\n$/);
    expect(custode('search', 'segreteria-app', '--lang', 'en').out).toMatch(/\d+ matching lines in 3 runs\n$/);
    expect(custode('runs', '--host', 'nowhere', '--lang', 'it').out).toBe('nessuna esecuzione in archivio corrisponde\n');
    const id = (JSON.parse(custode('runs', '--json').out) as { id: number }[])[0]!.id;
    expect(custode('show', String(id), '--lang', 'it').out).toMatch(new RegExp(`^esecuzione ${id} .*Fallito[\\s\\S]*\nfile \\S+ \\(import\\), righe \\d+–\\d+`));
  });

  it('lists runs with filters, searches across them, and shows one run or one VM of it', () => {
    const runs = JSON.parse(custode('runs', '--host', 'esxi-08', '--json').out) as { id: number; startedAt: string; status: string }[];
    expect(runs.map((r) => [r.startedAt.slice(0, 10), r.status])).toEqual([
      ['2026-02-03', 'error'],
      ['2026-02-02', 'ok'],
      ['2026-02-01', 'ok'],
    ]);
    expect(JSON.parse(custode('runs', '--since', '2026-02-02', '--vm', 'segreteria-app', '--json').out)).toHaveLength(2);
    expect(custode('runs', '--since', 'yesterday').code).toBe(2);

    const search = custode('search', 'app status:error');
    expect(search.code).toBe(0);
    expect(search.out).toContain('[app]');
    expect(search.out).toMatch(/matching lines in 1 runs/);

    const show = custode('show', String(runs[0]!.id), '--vm', 'segreteria-app', '--lang', 'en');
    expect(show.code).toBe(0);
    expect(show.out).toContain('• segreteria-app:');
    expect(show.out).toMatch(/\d+ {2}.*Failed to clone disk: There is not enough space/);
    expect(show.out).not.toContain('Initiate backup for segreteria-dc01');
    expect(custode('show', String(runs[0]!.id), '--vm', 'nope').code).toBe(2);
    expect(custode('show', '99999999').code).toBe(1);
  });
});
