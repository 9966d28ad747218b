// The VMs a seeded host carries: the cases Custode must get right, spread so that every host has the common ones
// and the fleet as a whole has the rare one (a name with shell- and regex-hostile characters).
import type { VmSpec } from './spec.ts';

export const HOSTILE_NAME = "prova'; $(id) & *";

export function seedVmSpecs(index: number, count?: number): VmSpec[] {
  const vms: VmSpec[] = [
    {
      name: 'segreteria-dc',
      guestId: 'windows2019srv_64Guest',
      disks: [{ sizeMB: 4096 }, { sizeMB: 2048 }],
      annotation: 'Domain controller segreteria\nNon spegnere in orario di ufficio',
    },
    { name: 'Protocollo Segreteria', guestId: 'windows9Server64Guest', disks: [{ sizeMB: 2048 }] },
    {
      name: 'moodle-didattica',
      guestId: 'ubuntu64Guest',
      disks: [{ sizeMB: 2048 }],
      snapshots: [{ name: 'prima-aggiornamento', description: "Prima dell'aggiornamento a Moodle 4.5" }],
    },
    { name: 'fileserver', guestId: 'debian11_64Guest', disks: [{ sizeMB: 2048 }, { sizeMB: 4096, mode: 'independent-persistent' }] },
    { name: 'archivio-2019', guestId: 'centos7_64Guest', power: 'off', datastore: 'datastore2', disks: [{ sizeMB: 1024 }] },
  ];
  if (index === 1) vms.push({ name: HOSTILE_NAME, guestId: 'otherLinux64Guest', power: 'off', disks: [{ sizeMB: 512 }] });
  return count === undefined ? vms : vms.slice(0, count);
}
