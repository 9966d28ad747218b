// The unmodified upstream ghettoVCB.sh for the tests that run it: GHETTOVCB_SH when set, else the copy CI keeps beside
// the clone (never inside it). A named script that is not there is a broken set-up, not a reason to skip.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const UPSTREAM_BESIDE = join(fileURLToPath(new URL('../../..', import.meta.url)), 'shared/upstream/ghettovcb/ghettoVCB.sh');

/** The script's path, or undefined when there is none (the caller skips and prints `upstreamMissing`). */
export const UPSTREAM_GHETTOVCB: string | undefined = process.env['GHETTOVCB_SH'] || (existsSync(UPSTREAM_BESIDE) ? UPSTREAM_BESIDE : undefined);

if (UPSTREAM_GHETTOVCB !== undefined && !existsSync(UPSTREAM_GHETTOVCB)) throw new Error(`GHETTOVCB_SH names a file that does not exist: ${UPSTREAM_GHETTOVCB}`);

export const upstreamMissing = `no upstream ghettoVCB.sh: GHETTOVCB_SH is not set and ${UPSTREAM_BESIDE} does not exist`;
