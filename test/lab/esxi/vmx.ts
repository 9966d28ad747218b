// .vmx files: `key = "value"` lines. VMware escapes some characters in values as |XX (hex), e.g. `"` as |22.

export type Vmx = [string, string][];

export function encodeVmxValue(v: string): string {
  return v.replace(/[|"\n]/g, (c) => `|${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function decodeVmxValue(v: string): string {
  return v.replace(/\|([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function parseVmx(text: string): Vmx {
  const out: Vmx = [];
  for (const line of text.split('\n')) {
    const m = /^\s*([^=\s]+)\s*=\s*"(.*)"\s*$/.exec(line);
    if (m) out.push([m[1]!, decodeVmxValue(m[2]!)]);
  }
  return out;
}

export function formatVmx(vmx: Vmx): string {
  return vmx.map(([k, v]) => `${k} = "${encodeVmxValue(v)}"`).join('\n') + '\n';
}

export function vmxGet(vmx: Vmx, key: string): string | undefined {
  const lower = key.toLowerCase();
  return vmx.find(([k]) => k.toLowerCase() === lower)?.[1];
}

export function vmxSet(vmx: Vmx, key: string, value: string): void {
  const lower = key.toLowerCase();
  const hit = vmx.find(([k]) => k.toLowerCase() === lower);
  if (hit) hit[1] = value;
  else vmx.push([key, value]);
}

export interface VmxDisk {
  slot: string;
  fileName: string;
  mode: string;
}

/** Disks as ghettoVCB and ESXi see them: present hard disks on scsi/sata/nvme/ide whose file is a .vmdk. */
export function vmxDisks(vmx: Vmx): VmxDisk[] {
  const disks: VmxDisk[] = [];
  for (const [k, v] of vmx) {
    const m = /^((?:scsi|sata|nvme|ide)\d+:\d+)\.fileName$/i.exec(k);
    if (!m || !v.toLowerCase().endsWith('.vmdk')) continue;
    const slot = m[1]!;
    if ((vmxGet(vmx, `${slot}.present`) ?? '').toLowerCase() !== 'true') continue;
    disks.push({ slot, fileName: v, mode: vmxGet(vmx, `${slot}.mode`) ?? 'persistent' });
  }
  return disks;
}
