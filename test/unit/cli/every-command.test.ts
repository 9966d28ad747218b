import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeIo, runCli } from '../../../electron/cli/main.ts';
import { custodeInProcess } from '../../custode-in-process.ts';
import { printable } from '../../../electron/cli/printable.ts';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { HostStore } from '../../../electron/core/fleet/host-store.ts';
import { ProbeStore } from '../../../electron/core/fleet/probe-store.ts';

/**
 * Every `custode` command, good and bad inputs, in both languages, in-process: no output may hold a raw
 * placeholder (`{{host}}`), an internal code as its only label (`[ghettovcb.cron.noRedirect]` with nothing before
 * it), a terminal escape that came from a file, or, in Italian, the English words of the CLI's own messages.
 */
const dir = mkdtempSync(join(tmpdir(), 'custode-every-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const logs = new URL('../../fixtures/ghettovcb/logs/', import.meta.url);
/** A VM name and a conf value that try to retitle the terminal and turn it red. */
const HOSTILE = '\x1b]0;owned\x07\x1b[31mweb01';
const hostileLog = join(dir, 'hostile.log');
writeFileSync(hostileLog, readFileSync(new URL('aborted-then-next-run.txt', logs), 'utf8').replaceAll('web01', HOSTILE));
const hostileConf = join(dir, 'ghettoVCB.conf');
// (A `;` would end the value for the shell, so the conf's values carry the colour and bell parts.)
writeFileSync(hostileConf, 'VM_BACKUP_VOLUME=/vmfs/volumes/ds\nDISK_BACKUP_FORMAT=\x1b[31mthin\x07\nVM_BACKUP_ROTATION_COUNT=x\x1b[2J\n');
const folder = join(dir, 'a-folder');
mkdirSync(folder);
const home = join(dir, 'home');
/** A data folder holding one host named HOSTILE whose last check failed (the error names it too). */
const hostileHome = join(dir, 'hostile-home');
mkdirSync(hostileHome);
{
  const db = openDatabase(join(hostileHome, 'custode.sqlite'));
  const entry = new HostStore(db).add({ role: 'esxi', name: HOSTILE, address: '10.0.0.9', auth: 'password' });
  new ProbeStore(db).saveFailure(entry.id, 'unreachable', { code: 'ssh.unreachable', message: 'x', details: { host: HOSTILE, port: 22 } }, Date.UTC(2026, 0, 5, 3, 0));
  db.close();
}

const custode = (argv: string[], dataDir = home) => custodeInProcess(argv, { CUSTODE_HOME: dataDir, TZ: 'Europe/Rome', LANG: 'C' });

const RUNS: Array<{ argv: string[]; code: number; home?: string }> = [
  { argv: ['--help'], code: 0 },
  { argv: ['--version'], code: 0 },
  { argv: [], code: 2 },
  { argv: ['nope'], code: 2 },
  { argv: ['cron'], code: 2 },
  { argv: ['cron', 'explain', '30 4 * * * /vmfs/volumes/ds/ghettoVCB.sh -a > /tmp/x.log'], code: 0 },
  { argv: ['cron', 'explain', '*/15 * * * * /x', '--count', '2'], code: 0 },
  { argv: ['cron', 'explain', '30 4 31 2 * /x > /dev/null'], code: 0 },
  { argv: ['cron', 'explain', ''], code: 2 },
  { argv: ['cron', 'explain', '99 * * * * x'], code: 2 },
  { argv: ['cron', 'explain', '30 4 * * * /x', '--count', 'many'], code: 2 },
  { argv: ['cron', 'explain', '30 4 * * * /x', '--from', 'yesterday'], code: 2 },
  { argv: ['cron', 'explain', '30 4 * * * /x', '--bogus'], code: 2 },
  { argv: ['conf', 'check', hostileConf], code: 1 },
  { argv: ['conf', 'check', fileURLPath('../../fixtures/ghettovcb/conf/ghettoVCB.conf')], code: 1 },
  { argv: ['conf', 'check', '/no/such/file'], code: 2 },
  { argv: ['conf', 'check', folder], code: 2 },
  { argv: ['conf', 'check', hostileConf, '--esxi', 'nine'], code: 2 },
  { argv: ['log', 'explain', hostileLog], code: 0 },
  { argv: ['log', 'explain', fileURLPath('../../fixtures/ghettovcb/logs/ref-5.8-partial-failure.txt')], code: 0 },
  { argv: ['log', 'explain', '/no/such/file'], code: 2 },
  { argv: ['fleet', 'list'], code: 0 },
  { argv: ['fleet', 'status', '--no-refresh'], code: 0 },
  { argv: ['fleet', 'list'], code: 0, home: hostileHome },
  { argv: ['fleet', 'status', '--no-refresh'], code: 1, home: hostileHome },
  { argv: ['fleet', 'add-host'], code: 2 },
  { argv: ['fleet', 'add-host', '10.0.0.9', '--port', 'x', '--password-stdin'], code: 2 },
  { argv: ['fleet', 'remove'], code: 2 },
  { argv: ['fleet', 'remove', 'esxi-99', '--reason', 'x', '--yes'], code: 1 },
  { argv: ['fleet', 'remove', HOSTILE], code: 1 },
  { argv: ['trust', 'forget'], code: 2 },
  { argv: ['trust', 'forget', '10.0.0.99:22', '--reason', 'x', '--yes'], code: 1 },
  { argv: ['backup', 'check'], code: 2 },
  { argv: ['backup', 'check', 'esxi-99', '--vm', 'x'], code: 1 },
  { argv: ['backup', 'check', 'esxi-99', '--vm'], code: 2 },
];

function fileURLPath(relative: string): string {
  return new URL(relative, import.meta.url).pathname;
}

/** A line that is nothing but a bracketed code, once any "file:line:" and severity prefix is taken off. */
const bareCode = (line: string): boolean => /^\s*(\S+:\d*:?\s*)?(\p{L}+:\s*)?\[[\w.]+\]\s*$/u.test(line);
/** The CLI's own English words, which Italian output must not contain. */
const ENGLISH = ['cannot read', 'not a crontab line', 'usage:', 'error:', 'warning:', 'unknown option', 'must be', 'Next runs', 'ENOENT', 'EISDIR'];

describe('every custode command, both languages', { timeout: 60_000 }, () => {
  for (const lang of ['en', 'it'] as const) {
    for (const { argv, code, home: dataDir } of RUNS) {
      const where = dataDir ? ' (a host with a hostile name)' : '';
      it(`${lang}: custode ${argv.map((a) => (a === '' ? '""' : a.replace(dir, '…'))).join(' ')}${where} → exit ${code}`, async () => {
        const r = await custode(['--lang', lang, ...argv], dataDir);
        expect(r.code, r.err).toBe(code);
        const text = r.out + r.err;
        expect(text.trim()).not.toBe('');
        expect(text).not.toContain('{{');
        expect(text).not.toContain('\x1b');
        expect(text).not.toContain('\x07');
        for (const line of text.split('\n')) expect(bareCode(line), line).toBe(false);
        if (lang === 'it') for (const word of ENGLISH) expect(text, word).not.toContain(word);
      });
    }
  }

  it('shows the hostile names as escapes, so what the terminal gets is inert and still readable', async () => {
    const explained = await custode(['log', 'explain', hostileLog]);
    expect(explained.out).toContain(printable(HOSTILE));
    expect(printable(HOSTILE)).toBe('\\e]0;owned\\a\\e[31mweb01');
    const checked = await custode(['conf', 'check', hostileConf]);
    expect(checked.out).toContain('\\e[31mthin\\a');
    expect(checked.out).toContain('x\\e[2J');
    for (const command of [['fleet', 'list'], ['fleet', 'status', '--no-refresh', '--lang', 'it']]) {
      const r = await custode(command, hostileHome);
      expect(r.out.split(printable(HOSTILE)).length, r.out).toBeGreaterThan(command[1] === 'status' ? 2 : 1);
    }
    // Its last check failed, so no facts were read: the list says so rather than "checked".
    expect((await custode(['fleet', 'list'], hostileHome)).out).toContain('unreachable  ESXi host  password  no facts read yet');
  });

  it('answers --version and picks the language from the locale when --lang is not given', async () => {
    expect((await custode(['--version'])).out).toMatch(/^custode \d+\.\d+\.\d+\n$/);
    let out = '';
    await runCli(['cron', 'explain', ''], { ...nodeIo(), out: () => undefined, err: (t) => void (out += t), env: { LANG: 'it_IT.UTF-8' } });
    expect(out).toContain('La riga di crontab è vuota');
  });

  it('prints times in this computer\'s zone with the zone named (TZ=Europe/Rome here), ISO in JSON', async () => {
    const line = ['cron', 'explain', '30 4 * * * /x > /dev/null', '--from', '2026-01-05T00:00:00Z', '--count', '1'];
    expect((await custode(['--lang', 'it', ...line])).out).toContain('\n  lun 5 gen 2026, 05:30 CET\n');
    expect(JSON.parse((await custode([...line, '--json'])).out).nextRuns).toEqual(['2026-01-05T04:30:00.000Z']);
  });

  it('words steps and impossible dates right', async () => {
    const steps = await custode(['--lang', 'en', 'cron', 'explain', '*/15 * * * * /x > /dev/null', '--count', '0']);
    expect(steps.out).toBe('Every 15 minutes (UTC, the host clock)\n');
    const never = await custode(['--lang', 'it', 'cron', 'explain', '30 4 31 2 * /x > /dev/null']);
    expect(never.out).toContain('Non parte mai.');
    expect(never.out).toContain('[ghettovcb.cron.neverFires]');
  });
});

describe('printable', () => {
  it('escapes C0, DEL, C1 and bidi controls and leaves other text alone', () => {
    expect(printable('a\tb\nc\rd\x00e\x7ff\x9bg\u202eh')).toBe('a\\tb\\nc\\rd\\x00e\\x7ff\\x9bg\\u202eh');
    expect(printable('Protocollo Segreteria – àèìòù 日本 $(x) \\%')).toBe('Protocollo Segreteria – àèìòù 日本 $(x) \\%');
  });
});
