// `lab cron HOST`: fire the host's own cron jobs now, the way busybox crond would run them (sh -c, `\%` unescaped),
// inside the host. The ESXi default entries are skipped: only what was added to the crontab runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCrontab } from './esxi-hooks.ts';
import { execInHost } from './host-process.ts';
import type { LabHostRecord } from './lab-record.ts';

export interface CronRun {
  line: string;
  command: string;
  code: number;
  stdout: string;
  stderr: string;
}

function jobLines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

export function cronCommand(line: string): string {
  const fields = line.split(/\s+/);
  const rest = line.replace(/^(\S+\s+){5}/, '');
  // crond turns an unescaped % into a newline (the rest is stdin); \% is a literal %.
  const firstPercent = rest.search(/(?<!\\)%/);
  const command = firstPercent < 0 ? rest : rest.slice(0, firstPercent);
  return fields.length > 5 ? command.replace(/\\%/g, '%') : '';
}

/** The host's own cron lines: its crontab without the ESXi default entries. */
export async function siteCronLines(host: LabHostRecord): Promise<string[]> {
  const crontab = readFileSync(join(host.hostFs, 'var/spool/cron/crontabs/root'), 'utf8');
  const defaults = new Set(jobLines(await defaultCrontab()).map((l) => l.replace(/\s+/g, ' ')));
  return jobLines(crontab).filter((l) => !defaults.has(l.replace(/\s+/g, ' ')));
}

export async function fireCron(host: LabHostRecord, pid: number): Promise<CronRun[]> {
  const runs: CronRun[] = [];
  for (const line of await siteCronLines(host)) runs.push(await fireCronLine(pid, line));
  return runs;
}

/**
 * Runs one cron line as crond would; with `at` (epoch seconds), as crond would have at that time on the lab clock:
 * LAB_NOW tells the simulated commands and the stand-in, and the line's own `date` (the site's log name) reads it.
 */
export async function fireCronLine(pid: number, line: string, at?: number): Promise<CronRun> {
  const command = cronCommand(line);
  const onClock = at === undefined ? command : `date() { command date -u -d "@$LAB_NOW" "$@"; }\n${command}`;
  const env = { SHELL: '/bin/sh', USER: 'root', LOGNAME: 'root', ...(at === undefined ? {} : { LAB_NOW: String(at) }) };
  const result = await execInHost(pid, '/bin/sh', ['-c', onClock], env);
  return { line, command, ...result };
}
