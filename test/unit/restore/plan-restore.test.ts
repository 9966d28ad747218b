import { describe, expect, it } from 'vitest';
import { planRestoreSteps, type RestoreSpec } from '../../../electron/core/restore/plan-restore.ts';

const NAME = "prova'; $(id) & * copia";
const FOLDER = `/vmfs/volumes/datastore1/${NAME}`;
const spec: RestoreSpec = {
  target: { kind: 'host', hostId: 'h1', name: 'esxi-08', address: '10.0.0.8' },
  method: 'native',
  name: NAME,
  format: 'thin',
  datastorePath: '/vmfs/volumes/datastore1',
  folder: FOLDER,
  vmx: `${FOLDER}/${NAME}.vmx`,
  vmxText: `displayName = "${NAME}"\n`,
  nvram: { from: "/vmfs/volumes/b/prova'; $(id) & */c/prova'; $(id) & *.nvram", to: `${FOLDER}/${NAME}.nvram` },
  disks: [{ key: 'scsi0:0', source: "/vmfs/volumes/b/prova'; $(id) & */c/prova'; $(id) & *.vmdk", target: `${FOLDER}/${NAME}-0.vmdk`, provisionedBytes: 1, usedBytes: 1 }],
  ghettovcb: null,
};

describe('the restore plan', () => {
  const { plan, made } = planRestoreSteps(spec, 'p1', 0);
  const command = (id: string) => plan.steps.find((s) => s.id === id)!.actions[0]!.command;

  it('natively: folder, one clone per disk, the .vmx, the nvram, then the registration, each name one quoted word', () => {
    expect(plan.steps.map((s) => s.id)).toEqual(['folder', 'clone-0', 'vmx', 'nvram', 'register']);
    expect(command('folder')).toBe(`mkdir '/vmfs/volumes/datastore1/prova'\\''; $(id) & * copia'`);
    expect(command('clone-0')).toBe(`vmkfstools -i '/vmfs/volumes/b/prova'\\''; $(id) & */c/prova'\\''; $(id) & *.vmdk' -d thin '${FOLDER.replace(/'/g, "'\\''")}/prova'\\''; $(id) & * copia-0.vmdk'`);
    expect(command('register')).toBe(`vim-cmd solo/registervm '${FOLDER.replace(/'/g, "'\\''")}/prova'\\''; $(id) & * copia.vmx'`);
    expect(command('vmx')).toContain('set -C');
  });

  it('names what each step makes, and a clone may run for hours', () => {
    expect(made).toEqual({
      folder: [FOLDER],
      'clone-0': [`${FOLDER}/${NAME}-0.vmdk`, `${FOLDER}/${NAME}-0-flat.vmdk`],
      vmx: [`${FOLDER}/${NAME}.vmx`],
      nvram: [`${FOLDER}/${NAME}.nvram`],
    });
    const clone = plan.steps.find((s) => s.id === 'clone-0')!.actions[0]!;
    expect(clone.kind === 'shell' ? clone.timeoutMs : null).toBe(48 * 3_600_000);
    expect(plan.steps.find((s) => s.id === 'folder')!.checks.map((c) => c.words.key)).toEqual(['restore.run.check.datastore', 'operations.check.pathAbsent']);
  });
});
