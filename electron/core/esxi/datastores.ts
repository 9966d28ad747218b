import { AppError } from '../../../shared/errors/app-error.ts';
import type { Datastore } from '../../../shared/model/datastore.ts';
import { cmd, type ShellCommand } from '../shell/command.ts';
import { unexpectedOutput } from './output.ts';
import { parseVmodl, vmodlBoolean, vmodlGet, vmodlNumber, vmodlObjects, vmodlString } from './vmodl.ts';

/**
 * `vim-cmd hostsvc/datastore/listsummary` and `hostsvc/datastore/info <name>` (A1.7). `info` is what ghettoVCB
 * reads for capacity and free space; its NAS variant also names the server and export.
 */
export const datastoreSummaryCommand = (): ShellCommand => cmd('vim-cmd', 'hostsvc/datastore/listsummary');
export const datastoreInfoCommand = (name: string): ShellCommand => cmd('vim-cmd', 'hostsvc/datastore/info', name);

export interface DatastoreSummaries {
  datastores: Datastore[];
  unknownLines: string[];
}

export function parseDatastoreSummaries(text: string): DatastoreSummaries {
  const command = 'vim-cmd hostsvc/datastore/listsummary';
  const doc = parseVmodl(text, command);
  if (doc.root.kind !== 'array') throw unexpectedOutput(command, text, 'not a list of datastores');
  const datastores = vmodlObjects(doc.root).map((d) => ({
    name: vmodlString(vmodlGet(d, 'name')) ?? '',
    url: vmodlString(vmodlGet(d, 'url')) ?? '',
    type: vmodlString(vmodlGet(d, 'type')) ?? '',
    capacity: vmodlNumber(vmodlGet(d, 'capacity')),
    freeSpace: vmodlNumber(vmodlGet(d, 'freeSpace')),
    accessible: vmodlBoolean(vmodlGet(d, 'accessible')),
  }));
  return { datastores, unknownLines: doc.unknownLines };
}

export interface DatastoreInfo {
  kind: 'vmfs' | 'nas' | 'other';
  name: string;
  url: string | null;
  freeSpace: number | null;
  capacity: number | null;
  maxFileSize: number | null;
  /** VMFS only; ghettoVCB logs "NA" without it. */
  blockSizeMb: number | null;
  /** NFS or NFS41 as the volume reports it. */
  fsType: string | null;
  remoteHost: string | null;
  remoteHostNames: string[];
  remotePath: string | null;
  securityType: string | null;
  userName: string | null;
}

export function parseDatastoreInfo(text: string, name: string): DatastoreInfo {
  const command = 'vim-cmd hostsvc/datastore/info';
  if (/Datastore not found/i.test(text) || /vim\.fault\.NotFound/.test(text)) {
    throw new AppError('esxi.datastoreNotFound', `Datastore not found: ${name}`, { name });
  }
  const doc = parseVmodl(text, command);
  const root = doc.root;
  if (root.kind !== 'object') throw unexpectedOutput(command, text, 'not a datastore object');
  const kind = /Vmfs/.test(root.type) ? 'vmfs' : /Nas/.test(root.type) ? 'nas' : 'other';
  const volume = vmodlGet(root, kind === 'nas' ? 'nas' : 'vmfs');
  const hostNames = vmodlGet(volume, 'remoteHostNames');
  return {
    kind,
    name: vmodlString(vmodlGet(root, 'name')) ?? name,
    url: vmodlString(vmodlGet(root, 'url')),
    freeSpace: vmodlNumber(vmodlGet(root, 'freeSpace')),
    capacity: vmodlNumber(vmodlGet(volume, 'capacity')),
    maxFileSize: vmodlNumber(vmodlGet(root, 'maxFileSize')),
    blockSizeMb: vmodlNumber(vmodlGet(volume, 'blockSizeMb')),
    fsType: vmodlString(vmodlGet(volume, 'type')),
    remoteHost: vmodlString(vmodlGet(volume, 'remoteHost')),
    remoteHostNames:
      hostNames && typeof hostNames === 'object' && hostNames.kind === 'array'
        ? hostNames.items.filter((x): x is string => typeof x === 'string')
        : [],
    remotePath: vmodlString(vmodlGet(volume, 'remotePath')),
    securityType: vmodlString(vmodlGet(volume, 'securityType')),
    userName: vmodlString(vmodlGet(volume, 'userName')),
  };
}
