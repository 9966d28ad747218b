import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from './prng.ts';

/**
 * Years of nightly ghettoVCB logs of a small fleet, one file per host and night as the site's cron line writes them,
 * made from the real logs under test/fixtures (most written by the unmodified upstream script on the lab): each
 * night is one of those logs with its dates moved to that night and its VM names replaced by the host's own. The
 * mix stands for a school's years: mostly quiet info-level nights, some debug-level ones with their storage and
 * command lines, the odd failed clone, VM skipped for a snapshot, dry run, and a run killed mid-copy. Every clone
 * keeps the real `\r`-joined progress line of 101 steps.
 */
const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string): string => readFileSync(join(repo, 'test/fixtures/ghettovcb/logs', name), 'utf8');

interface NightShape {
  name: string;
  weight: number;
  text: () => string;
}

/** A real success log cut inside its first progress line: the script was killed while copying. */
function aborted(): string {
  const text = fixture('real-success.txt');
  const progress = text.indexOf('Clone: 41% done.');
  return text.slice(0, progress);
}

const SHAPES: readonly NightShape[] = [
  { name: 'info, one VM ok', weight: 40, text: () => fixture('real-success.txt') },
  { name: 'info, power off and compression', weight: 12, text: () => fixture('real-power-off-compression.txt') },
  { name: 'info, three VMs (reference §5.7)', weight: 14, text: () => fixture('ref-5.7-success-3vms.txt') },
  { name: 'debug, five VMs, one skipped', weight: 10, text: () => fixture('real-all-vms-debug.txt') },
  { name: 'debug, README sample with a failed disk', weight: 5, text: () => fixture('readme-debug.txt') },
  { name: 'excluded disk and a missing VMDK', weight: 6, text: () => fixture('real-list-exclusion-missing-vmdk.txt') },
  { name: 'failed clone (no space)', weight: 5, text: () => fixture('real-failed-clone.txt') },
  { name: 'VM skipped for a snapshot', weight: 4, text: () => fixture('real-snapshot-skip.txt') },
  { name: 'dry run', weight: 2, text: () => fixture('real-dryrun.txt') },
  { name: 'killed mid-copy', weight: 2, text: aborted },
];

export const CORPUS_HOSTS = ['esxi-02', 'esxi-06', 'esxi-07', 'esxi-08', 'esxi-12'] as const;
const ROLES: Record<(typeof CORPUS_HOSTS)[number], string> = { 'esxi-02': 'didattica', 'esxi-06': 'lab', 'esxi-07': 'biblio', 'esxi-08': 'segreteria', 'esxi-12': 'server' };

/** The VM names of the fixtures, longest first (one is a prefix of another), and the host's names for them. */
function vmNames(role: string): [string, string][] {
  const pairs: [string, string][] = [
    ['Protocollo Segreteria', `Protocollo ${role[0]!.toUpperCase()}${role.slice(1)}`],
    ['moodle-didattica', `${role}-moodle.web`],
    ['segreteria-dc01', `${role}-dc01`],
    ['segreteria-dc', `${role}-dc01`],
    ['vCloudConnector', `${role}-vcc.v2`],
    ['archivio-2019', `${role}-archivio-2019`],
    ['fileserver', `${role}-fs.01`],
    ['scofield', `${role}-app.v2`],
    ['db01', `${role}-db01`],
    ['web01', `${role}-web.01`],
    ['tiny', `${role}-tiny`],
    ['vMA', `${role}-vma`],
  ];
  return pairs.sort((a, b) => b[0].length - a[0].length);
}

export interface Corpus {
  files: number;
  bytes: number;
  /** Nights of each shape, for the bench's context line. */
  shapes: Record<string, number>;
}

/** Writes `<dir>/<host>/ghettoVCB-<date>.log` for every night of `years` years; returns what it wrote. */
export function writeNightlyCorpus(dir: string, years: number): Corpus {
  const rand = prng(14);
  const total = SHAPES.reduce((sum, s) => sum + s.weight, 0);
  const texts = SHAPES.map((s) => s.text());
  const corpus: Corpus = { files: 0, bytes: 0, shapes: {} };
  const first = Date.UTC(2016, 0, 1);
  for (const host of CORPUS_HOSTS) {
    mkdirSync(join(dir, host), { recursive: true });
    const names = vmNames(ROLES[host]);
    const vmPattern = new RegExp(names.map(([from]) => from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    const to = new Map(names);
    for (let d = 0; d < years * 365; d++) {
      const day = new Date(first + d * 86400_000).toISOString().slice(0, 10);
      let pick = rand() * total;
      const i = SHAPES.findIndex((s) => (pick -= s.weight) < 0);
      const text = texts[i]!.replace(/\b\d{4}-\d{2}-\d{2}\b/g, day).replace(vmPattern, (vm) => to.get(vm)!);
      writeFileSync(join(dir, host, `ghettoVCB-${day}.log`), text);
      corpus.files++;
      corpus.bytes += Buffer.byteLength(text);
      corpus.shapes[SHAPES[i]!.name] = (corpus.shapes[SHAPES[i]!.name] ?? 0) + 1;
    }
  }
  return corpus;
}
