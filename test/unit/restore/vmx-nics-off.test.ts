import { describe, expect, it } from 'vitest';
import { rewriteVmx } from '../../../electron/core/restore/vmx-rewrite.ts';

/**
 * A drill's restored VM starts with every NIC disconnected. The input names three NICs: ethernet0 says
 * startConnected TRUE, ethernet1 has no startConnected line at all, ethernet2 is not present. All three must end up
 * `startConnected = "FALSE"`; every other line stays as it was, in its place.
 */
const VMX = [
  '.encoding = "UTF-8"',
  'displayName = "segreteria-dc01"',
  'ethernet0.present = "TRUE"',
  'ethernet0.networkName = "VM Network"',
  'ethernet0.startConnected = "TRUE"',
  'ethernet1.present = "TRUE"',
  'ethernet1.networkName = "Segreteria"',
  'ethernet2.present = "FALSE"',
  'scsi0:0.fileName = "segreteria-dc01.vmdk"',
  '',
].join('\n');

const changes = { name: 'segreteria-dc01-drill-20261207-0430', disks: new Map([['scsi0:0', 'segreteria-dc01-drill-20261207-0430-0.vmdk']]), dropDisks: [], disconnect: [], nvram: null };

describe('rewriteVmx with every NIC disconnected', () => {
  it('sets startConnected FALSE on each ethernetN the file names, replacing the line in place or adding it', () => {
    const out = rewriteVmx(VMX, { ...changes, disconnectAll: true }).split('\n');
    expect(out).toEqual([
      '.encoding = "UTF-8"',
      'displayName = "segreteria-dc01-drill-20261207-0430"',
      'ethernet0.present = "TRUE"',
      'ethernet0.networkName = "VM Network"',
      'ethernet0.startConnected = "FALSE"',
      'ethernet1.present = "TRUE"',
      'ethernet1.networkName = "Segreteria"',
      'ethernet2.present = "FALSE"',
      'scsi0:0.fileName = "segreteria-dc01-drill-20261207-0430-0.vmdk"',
      'ethernet1.startConnected = "FALSE"',
      'ethernet2.startConnected = "FALSE"',
      '',
    ]);
  });

  it('leaves the NICs as they were without the option (an ordinary restore)', () => {
    const out = rewriteVmx(VMX, changes);
    expect(out).toContain('ethernet0.startConnected = "TRUE"');
    expect(out).not.toContain('ethernet1.startConnected');
  });

  it('touches nothing in a .vmx without NICs', () => {
    const plain = 'displayName = "a"\nmemSize = "1024"\n';
    expect(rewriteVmx(plain, { ...changes, name: 'a', disks: new Map(), disconnectAll: true })).toBe(plain);
  });
});
