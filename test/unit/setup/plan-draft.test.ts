import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toRequest } from '../../../electron/core/setup/ipc-handlers.ts';
import type { PlanContext } from '../../../electron/core/setup/plan-context.ts';
import { planInstall } from '../../../electron/core/setup/plan-install.ts';
import type { SetupState } from '../../../electron/core/setup/setup-state.ts';
import { SetupUploads } from '../../../electron/core/setup/uploads.ts';

const STAND_IN = readFileSync(join(import.meta.dirname, '..', '..', 'lab', 'ghettovcb', 'ghettoVCB.sh'));

describe('the wizard’s requests', () => {
  it('takes the picked file’s bytes from the page (the browser host has no path), byte for byte', () => {
    const request = toRequest({ hostId: 'h', nasId: 'n', ghettovcbFile: { name: 'ghettoVCB.sh', base64: STAND_IN.toString('base64') }, draft: true });
    expect(request.ghettovcb?.name).toBe('ghettoVCB.sh');
    expect(Buffer.compare(request.ghettovcb!.bytes, STAND_IN)).toBe(0);
    expect(request.draft).toBe(true);
  });

  it('lists the ghettoVCB page as waiting in a draft of a host without one, where a real plan refuses', () => {
    const state = { host: { id: 'h', name: 'esxi-20' }, installDir: '/vmfs/volumes/datastore1/ghettoVCB', script: { path: '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh', text: null, sha256: null, version: null } } as unknown as SetupState;
    const ctx = (draft: boolean) => ({ state, uploads: new SetupUploads(), now: 0, ghettovcb: null, draft }) as unknown as PlanContext;
    const draft = planInstall(ctx(true));
    expect(draft.waiting).toBe(true);
    expect(draft.steps).toEqual([]);
    expect(draft.view.notes.map((n) => n.key)).toEqual(['setup.install.pickNeeded']);
    expect(() => planInstall(ctx(false))).toThrow(expect.objectContaining({ code: 'setup.ghettoVcbMissing' }));
  });
});
