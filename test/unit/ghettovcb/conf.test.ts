import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONF_KEYS, PER_VM_KEYS } from '../../../electron/core/ghettovcb/conf/keys.ts';
import { confValues, parseConf } from '../../../electron/core/ghettovcb/conf/parse.ts';
import { validateConf } from '../../../electron/core/ghettovcb/conf/validate.ts';
import { createConf, formatConf, removeConfKey, setConfValue } from '../../../electron/core/ghettovcb/conf/write.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/ghettovcb/conf');
const codes = (text: string, role: 'global' | 'perVm' = 'global', esxiMajor?: number) =>
  validateConf(parseConf(text), { role, ...(esxiMajor !== undefined ? { esxiMajor } : {}) }).map((i) => `${i.severity}:${i.code.replace('ghettovcb.conf.', '')}`);

describe('conf parse and write', () => {
  it('reads the shipped sample conf and keeps it byte for byte', () => {
    const text = readFileSync(join(fixtures, 'ghettoVCB.conf'), 'utf8');
    const doc = parseConf(text);
    expect(formatConf(doc)).toBe(text);
    expect(confValues(doc).get('VM_BACKUP_ROTATION_COUNT')?.value).toBe('3');
    expect(confValues(doc).get('NFS_SERVER')?.value).toBe('172.30.0.195');
  });

  it('decodes shell quoting', () => {
    const doc = parseConf(`A="x y"\nB='it'\\''s'\nC=plain # note\nD=\nexport E="a\\"b"\n`);
    const v = (k: string) => confValues(doc).get(k)?.value;
    expect([v('A'), v('B'), v('C'), v('D'), v('E')]).toEqual(['x y', "it's", 'plain', '', 'a"b']);
  });

  it('changes one value and nothing else, keeping comments, order, unknown keys and quote style', () => {
    const text = '# site conf\nVM_BACKUP_VOLUME="/vmfs/volumes/VM_backup_10.0.0.8"  # share\nMY_OWN_KEY=1\nVM_BACKUP_ROTATION_COUNT=3\n';
    const doc = setConfValue(parseConf(text), 'VM_BACKUP_VOLUME', '/vmfs/volumes/VM backup/esx08');
    expect(formatConf(doc)).toBe('# site conf\nVM_BACKUP_VOLUME="/vmfs/volumes/VM backup/esx08"  # share\nMY_OWN_KEY=1\nVM_BACKUP_ROTATION_COUNT=3\n');
    expect(formatConf(setConfValue(doc, 'EMAIL_LOG', '0'))).toMatch(/VM_BACKUP_ROTATION_COUNT=3\nEMAIL_LOG=0\n$/);
    expect(formatConf(removeConfKey(doc, 'MY_OWN_KEY'))).not.toContain('MY_OWN_KEY');
  });

  it('round-trips any text byte for byte (property)', () => {
    const line = fc.oneof(
      fc.string(),
      fc.tuple(fc.constantFrom(...CONF_KEYS.map((k) => k.name), 'X', 'export Y'), fc.string()).map(([k, v]) => `${k}=${v}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        expect(formatConf(parseConf(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('writes any single-line value so that sh reads it back unchanged (property)', () => {
    const value = fc.string({ unit: fc.constantFrom('a', ' ', '"', "'", '$', '`', '\\', '#', ';', ',', 'é', '(', '*', '='), maxLength: 30 });
    fc.assert(
      fc.property(fc.constantFrom('VM_BACKUP_VOLUME', 'EMAIL_TO', 'NEW_KEY'), value, fc.constantFrom('', 'VM_BACKUP_VOLUME="x" # c\n', "EMAIL_TO='a'\n"), (key, v, base) => {
        const doc = setConfValue(parseConf(base), key, v);
        const reread = parseConf(formatConf(doc));
        const line = reread.lines.find((l) => l.kind === 'assignment' && l.key === key);
        expect(line).toMatchObject({ kind: 'assignment', value: v, problem: null, expands: false });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses values sh cannot keep on one line', () => {
    expect(() => setConfValue(parseConf(''), 'A', 'x\ny')).toThrow(/single line/);
  });

  it('creates a full per-VM file that passes its own check', () => {
    const defaults = new Map(CONF_KEYS.map((k) => [k.name, k.scriptDefault]));
    const doc = createConf(
      PER_VM_KEYS.map((k) => [k, k === 'VM_BACKUP_VOLUME' ? '/vmfs/volumes/VM_backup_10.0.0.8' : (defaults.get(k) ?? '')] as const),
      ['Custode per-VM policy'],
    );
    expect(validateConf(doc, { role: 'perVm' })).toEqual([]);
    expect(formatConf(doc).startsWith('# Custode per-VM policy\nVM_BACKUP_VOLUME=')).toBe(true);
  });
});

describe('conf validation', () => {
  const base = 'VM_BACKUP_VOLUME=/vmfs/volumes/VM_backup_10.0.0.8\n';

  it('accepts the site conf', () => {
    expect(codes(`${base}DISK_BACKUP_FORMAT=thin\nVM_BACKUP_ROTATION_COUNT=3\nALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP=0\n`)).toEqual([]);
  });

  it('knows the rotation rules', () => {
    expect(codes(`${base}VM_BACKUP_ROTATION_COUNT=0\n`)).toEqual(['error:rotationZero']);
    expect(codes(`${base}VM_BACKUP_ROTATION_COUNT=1\n`)).toEqual(['warning:rotationLow']);
    expect(codes(`${base}VM_BACKUP_ROTATION_COUNT=\n`)).toEqual(['warning:rotationEmpty']);
    expect(codes(`${base}VM_BACKUP_ROTATION_COUNT=two\n`)).toEqual(['error:notInteger']);
  });

  it('knows the disk formats and the ESXi 8/9 eagerzeroedthick quirk', () => {
    expect(codes(`${base}DISK_BACKUP_FORMAT=thick\n`)).toEqual(['error:badEnum']);
    expect(codes(`${base}DISK_BACKUP_FORMAT=eagerzeroedthick\n`)).toEqual(['warning:eagerZeroedThick']);
    expect(codes(`${base}DISK_BACKUP_FORMAT=eagerzeroedthick\n`, 'global', 7)).toEqual([]);
  });

  it('checks the shutdown timings against each other', () => {
    expect(codes(`${base}ITER_TO_WAIT_SHUTDOWN=6\nPOWER_DOWN_TIMEOUT=5\n`)).toEqual(['warning:iterAfterTimeout']);
    expect(codes(`${base}POWER_VM_DOWN_BEFORE_BACKUP=1\nENABLE_HARD_POWER_OFF=1\nITER_TO_WAIT_SHUTDOWN=6\nPOWER_DOWN_TIMEOUT=5\n`)).toEqual(['error:iterAfterTimeout']);
  });

  it('wants the volume under /vmfs/volumes', () => {
    expect(codes('VM_BACKUP_VOLUME=/mnt/UniventionBackup\n')).toEqual(['error:volumeNotVmfs']);
    expect(codes('DISK_BACKUP_FORMAT=thin\n')).toEqual(['error:volumeMissing']);
    expect(codes('VM_BACKUP_VOLUME=\n')).toEqual(['error:volumeEmpty']);
  });

  it('finds lines that are not shell-safe settings', () => {
    expect(codes(`${base}VM_BACKUP_ROTATION_COUNT = 3\n`)).toEqual(['error:spaceAroundEquals']);
    expect(codes(`${base}EMAIL_TO=a@x.it b@x.it\n`)).toEqual(['error:trailingText']);
    expect(codes(`${base}EMAIL_TO="a@x.it\n`)).toContain('error:unterminatedQuote');
    expect(codes(`${base}rm -rf /\n`)).toEqual(['error:notAssignment']);
    expect(codes(`${base}EMAIL_TO=$(cat /x)\n`)).toEqual(['warning:expansion']);
    expect(codes(`${base.replace('\n', '\r\n')}`)).toEqual(['error:crlf']);
  });

  it('checks comma lists', () => {
    expect(codes(`${base}EMAIL_TO="a@x.it, b@x.it"\n`)).toEqual(['error:listSpaces']);
    expect(codes(`${base}VM_SHUTDOWN_ORDER=a,,b\n`)).toEqual(['error:listEmptyItem']);
  });

  it('wants every per-VM key in a per-VM file and flags run-wide keys there', () => {
    const perVm = codes('VM_BACKUP_VOLUME=/vmfs/volumes/ds/b\nNFS_SERVER=1.2.3.4\n', 'perVm');
    expect(perVm).toContain('warning:runWideInPerVm');
    expect(perVm.filter((c) => c === 'error:perVmMissingKey')).toHaveLength(PER_VM_KEYS.length - 1);
  });

  it('keeps unknown keys but says so, and flags keys without effect', () => {
    expect(codes(`${base}MY_KEY=1\nWORKDIR_DEBUG=1\nVM_BACKUP_DIR_NAMING_CONVENTION=foo\n`)).toEqual(['warning:unknownKey', 'warning:noEffect', 'error:namingConvention']);
  });
});
