// lab.json: everything needed to find a running lab again (attachLab, the CLI, `down` after a crash).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { AppError } from '../../shared/errors/app-error.ts';

export interface LabHostRecord {
  name: string;
  role: 'esxi' | 'nas';
  hostname: string;
  identityIp: string;
  address: string;
  port: number;
  username: string;
  password: string;
  privateKeyPath: string;
  privateKeyPaths: { rsa: string; ecdsa: string };
  /** SHA256 of the ECDSA host key, the one ssh2 and OpenSSH negotiate first. */
  fingerprint: string;
  fingerprints: { ecdsa: string; rsa: string };
  hostFs: string;
  runDir: string;
  pid: number | null;
  ns: string | null;
}

export interface LabRecord {
  version: 1;
  topology: string;
  stateDir: string;
  createdAt: string;
  /** The process that owns the lab's lifetime, or null for a detached lab (`lab up --detach`). */
  ownerPid: number | null;
  holderPid: number;
  nasStatePath: string;
  hosts: LabHostRecord[];
}

export function readLabRecord(path: string): LabRecord | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LabRecord;
  } catch (err) {
    throw new AppError('lab.recordUnreadable', `Cannot read ${path}`, { path, cause: String(err) });
  }
}

export function writeLabRecord(path: string, record: LabRecord): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(record, null, 2) + '\n');
  renameSync(tmp, path);
}
