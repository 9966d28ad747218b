import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors/app-error.ts';
import { inspectGhettoVcb, requireAccepts } from '../../../electron/core/setup/ghettovcb-file.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');
const UPSTREAM = process.env['GHETTOVCB_SH'] ?? join(REPO, '..', 'shared', 'upstream', 'ghettovcb', 'ghettoVCB.sh');
const STAND_IN = join(REPO, 'test', 'lab', 'ghettovcb', 'ghettoVCB.sh');

const script = (cases: string) => Buffer.from(`#!/bin/sh\n# ghettoVCB\nLAST_MODIFIED_DATE=2023_09_29\nVERSION=1\ncase "\${ESX_VERSION}" in\n${cases}\n  *) echo "ESX(i) version not supported!"; exit 1 ;;\nesac\n`);

describe('a ghettoVCB.sh picked on the workstation', () => {
  it('reads its version, hash and the ESXi releases its version check lets through', () => {
    const bytes = script('  8.0.0|8.0.1|8.0.2) VER=8 ;;\n  7.0.3) VER=7 ;;');
    const file = inspectGhettoVcb('ghettoVCB.sh', bytes);
    expect(file).toEqual({ name: 'ghettoVCB.sh', sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.length, version: '2023_09_29_1', whitelist: ['8.0.0', '8.0.1', '8.0.2', '7.0.3'] });
    expect(() => requireAccepts(file, '8.0.2')).not.toThrow();
    try {
      requireAccepts(file, '8.0.3');
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('setup.ghettoVcbRefusesEsxi');
    }
  });

  it('refuses what is not ghettoVCB: no #!, no version check', () => {
    for (const bytes of [Buffer.from('echo hello\n'), Buffer.from('#!/bin/sh\necho ghettoVCB\n'), Buffer.from(script('  8.0.3) VER=8 ;;').toString().slice(10))]) {
      try {
        inspectGhettoVcb('x.sh', bytes);
        expect.unreachable();
      } catch (e) {
        expect(isAppError(e) && e.code).toBe('setup.notGhettoVcb');
      }
    }
  });

  it('reads the lab’s stand-in', () => {
    expect(inspectGhettoVcb('ghettoVCB.sh', readFileSync(STAND_IN)).whitelist).toContain('8.0.3');
  });

  it.skipIf(!existsSync(UPSTREAM))('reads the real ghettoVCB.sh 2025_10_30 (GHETTOVCB_SH)', () => {
    const file = inspectGhettoVcb('ghettoVCB.sh', readFileSync(UPSTREAM));
    expect(file.version).toBe('2025_10_30_1');
    expect(file.whitelist).toEqual(['9.0.0', '9.0.1', '8.0.0', '8.0.1', '8.0.2', '8.0.3', '7.0.0', '7.0.1', '7.0.2', '7.0.3', '6.0.0', '6.5.0', '6.7.0', '5.0.0', '5.1.0', '5.5.0', '4.0.0', '4.1.0', '3.5.0', '3i']);
  });
});
if (!existsSync(UPSTREAM)) console.log(`skipping the real ghettoVCB.sh: not at ${UPSTREAM} (set GHETTOVCB_SH)`);
