import type { NfsShare } from '../../../shared/model/nas.ts';

/** A share as the site has it (SCALE, one host IP, root mapped to root); tests override what they examine. */
export function share(over: Partial<NfsShare>): NfsShare {
  return { id: 1, paths: ['/mnt/UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.8'], comment: '', hosts: ['10.0.0.8'], networks: [], readOnly: false, maprootUser: 'root', maprootGroup: 'root', mapallUser: null, mapallGroup: null, security: ['SYS'], enabled: true, locked: false, alldirs: null, ...over };
}
