import { AppError } from '../../../shared/errors/app-error.ts';
import type { RestoreDisk } from '../../../shared/model/restore.ts';
import { parseVmdkDescriptor } from '../esxi/vmdk-descriptor.ts';
import { cmd, joinPath } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { copyContents, diskSizes, type CopyContents } from './copy-contents.ts';

const TIMEOUT_MS = 30_000;

/** `du -k` lines: kilobytes, a tab, the path. */
export function parseDuK(text: string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\d+)\s+(.+)$/.exec(line);
    if (m) sizes.set(m[2]!, Number(m[1]) * 1024);
  }
  return sizes;
}

/**
 * A copy folder read through a host that sees it (nothing written): its names, its .vmx, each copied disk's
 * descriptor (provisioned size) and the space its data takes (`du -k`, so a thin copy counts what it holds).
 */
export async function readCopy(ssh: SshService, hostId: string, folder: string, signal: AbortSignal): Promise<{ contents: CopyContents; sizes: Map<string, { provisionedBytes: number; usedBytes: number | null }> }> {
  const options = { signal, timeoutMs: TIMEOUT_MS };
  let top;
  try {
    top = await ssh.list(hostId, folder, options);
  } catch (error) {
    if (error instanceof AppError && error.code.startsWith('ssh.') && !/sftp|notFound|noSuch/i.test(error.code)) throw error;
    throw new AppError('restore.copyUnreadable', `The copy folder ${folder} cannot be read: ${error instanceof Error ? error.message : String(error)}`, { folder });
  }
  const names = top.filter((e) => e.type !== 'directory').map((e) => e.name);
  for (const dir of top.filter((e) => e.type === 'directory')) {
    for (const inner of await ssh.list(hostId, joinPath(folder, dir.name), options)) names.push(`${dir.name}/${inner.name}`);
  }
  const vmxName = names.filter((n) => n.toLowerCase().endsWith('.vmx') && !n.includes('/'));
  const vmxText = vmxName.length === 1 ? (await ssh.run(hostId, cmd('cat', joinPath(folder, vmxName[0]!)), options)).stdout : '';
  const contents = copyContents(folder, names, vmxText);
  const sizes = new Map<string, { provisionedBytes: number; usedBytes: number | null }>();
  for (const d of contents.disks) {
    const path = joinPath(folder, ...d.file.split('/'));
    const text = await ssh.run(hostId, cmd('cat', path), options);
    if (text.exitCode !== 0) throw new AppError('restore.copyUnreadable', `The disk descriptor ${path} cannot be read`, { folder: path });
    const descriptor = parseVmdkDescriptor(text.stdout, path);
    const dir = d.file.includes('/') ? d.file.slice(0, d.file.lastIndexOf('/')) : '';
    const extents = descriptor.extents.flatMap((e) => (e.file === null ? [] : [joinPath(folder, ...(dir === '' ? [] : [dir]), e.file)]));
    const du = extents.length === 0 ? new Map<string, number>() : parseDuK((await ssh.run(hostId, cmd('du', '-k', ...extents), options)).stdout);
    const byRel = new Map<string, number>();
    for (const [p, bytes] of du) byRel.set(p.slice(folder.length + 1), bytes);
    sizes.set(d.disk.key, diskSizes(descriptor, byRel, dir));
  }
  return { contents, sizes };
}

export function restoreDisks(contents: CopyContents, sizes: ReadonlyMap<string, { provisionedBytes: number; usedBytes: number | null }>, copyOnTarget: string, layout: { disk(i: number): string }): RestoreDisk[] {
  return contents.disks.map((d) => ({
    key: d.disk.key,
    source: joinPath(copyOnTarget, ...d.file.split('/')),
    target: layout.disk(d.index),
    provisionedBytes: sizes.get(d.disk.key)?.provisionedBytes ?? 0,
    usedBytes: sizes.get(d.disk.key)?.usedBytes ?? null,
  }));
}
