import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors/app-error.ts';
import { getAllVmsCommand, parseGetAllVms } from '../../../electron/core/esxi/getallvms.ts';
import { formatGetAllVms } from '../../lab/esxi/format/getallvms.ts';
import { fixture as esxiFixture } from './fixture.ts';

const fixture = (name: string): string => esxiFixture('esxi', name);

describe('vim-cmd vmsvc/getallvms', () => {
  it('builds the plain command', () => {
    expect(getAllVmsCommand().text).toBe('vim-cmd vmsvc/getallvms');
  });

  it('reads an empty inventory (ESXi 8/9 capture)', () => {
    expect(parseGetAllVms(fixture('getallvms-empty.txt'))).toEqual({ vms: [], skipped: [], unknownLines: [] });
  });

  it('reads the ESXi 8 one-VM capture', () => {
    const { vms } = parseGetAllVms(fixture('getallvms-esxi8-one-vm.txt'));
    expect(vms).toEqual([
      { vmid: '1', name: 'x8', file: '[pve-esx] x8/x8.vmx', datastore: 'pve-esx', vmxPath: 'x8/x8.vmx', guestId: 'centos9_64Guest', hwVersion: 'vmx-20', annotation: '' },
    ]);
  });

  it('joins a two-line annotation (ESXi 6.7 capture, trailing blanks kept in the file)', () => {
    const text = fixture('getallvms-esxi67-annotation.txt');
    expect(text.split('\n')[1]!.endsWith('   ')).toBe(true);
    const { vms } = parseGetAllVms(text);
    expect(vms.map((v) => [v.vmid, v.name, v.annotation])).toEqual([
      ['2', 'xx', ''],
      ['3', 'makemake', 'Rocky linux 8\nautostart'],
    ]);
  });

  it('keeps names and folders with spaces and string-ordered vmids (ESXi 8 NFS capture)', () => {
    const { vms } = parseGetAllVms(fixture('getallvms-esxi8-spaces.txt'));
    expect(vms.map((v) => v.vmid)).toEqual(['10', '25', '5', '8']);
    const dummy = vms.find((v) => v.vmid === '5')!;
    expect(dummy).toMatchObject({ name: 'dummy delay', datastore: 'local_datastore', vmxPath: 'dummy delay/dummy delay.vmx', guestId: 'otherLinuxGuest' });
    expect(vms[0]!.datastore).toBe('192.168.2.203_nvme_nfs');
  });

  it('reads the seven-VM capture', () => {
    const { vms } = parseGetAllVms(fixture('getallvms-seven-vms.txt'));
    expect(vms).toHaveLength(7);
    expect(vms.map((v) => v.name)).toEqual(['reverse.xs4n1.nl', 'app.xs4n1.nl', 'puppet.xs4n1.nl', 'radius.xs4n1.nl', 'vpn.xs4n1.nl', 'dns.xs4n1.nl', 'dc.xs4n1.nl']);
    expect(vms[6]).toMatchObject({ guestId: 'windows7Server64Guest', hwVersion: 'vmx-07' });
  });

  it('does not split a name holding "[...]" at its bracket (ghettoVCB illustrative sample)', () => {
    const { vms } = parseGetAllVms(fixture('getallvms-ghettovcb-illustrative.txt'));
    expect(vms[1]).toMatchObject({ vmid: '18', name: 'win-214 [maint]', file: '[datastore1] win-214/win-214.vmx', annotation: 'some note' });
  });

  it('collects "Skipping invalid VM" from either stream and keeps junk lines', () => {
    const out = "Skipping invalid VM '30'\n" + fixture('getallvms-esxi8-one-vm.txt');
    const r = parseGetAllVms(out, "Skipping invalid VM '31'\nsome warning\n");
    expect(r.skipped.sort()).toEqual(['30', '31']);
    expect(r.unknownLines).toEqual(['some warning']);
    expect(r.vms).toHaveLength(1);
  });

  it('refuses output without the header, and reports vim faults', () => {
    expect(() => parseGetAllVms('Connect to localhost failed: Connection failure\n')).toThrowError(expect.objectContaining({ code: 'esxi.unexpectedOutput' }));
    try {
      parseGetAllVms(fixture('vim-fault-notfound-esxi8.txt'));
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('esxi.vimFault');
    }
  });
});

// ---- property: any inventory laid out by the reference rule (A1.2) reads back exactly ----

// The lab's formatter is the layout oracle: it is itself checked byte for byte against the reference captures
// (test/integration/lab-esxi/formats.test.ts).
const hostile = fc.constantFrom(' ', '  ', '   ', '"', "'", '$(', ')', '`', '\\', ';', '|', '&', '*', '[', ']', '[x] ', '   [ds] a.vmx', '%', '#', 'é', '日本', '😀', 'ß', '\t', '\u00a0', '\u2028', '\u3000');
const text = (min: number) =>
  fc.array(fc.oneof(hostile, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }), fc.stringMatching(/^[a-z0-9._-]{1,6}$/)), { minLength: min, maxLength: 6 }).map((p) => p.join(''));
const noNewline = (s: string): string => s.replace(/[\r\n]/g, '_');
const name = text(1).map((s) => noNewline(s).replace(/ +$/, '')).filter((s) => s.trim() !== '' && !/^\s/.test(s));
const datastore = text(1).map((s) => noNewline(s).replace(/\]/g, ')')).filter((s) => s.trim() !== '');
const folder = text(1).map((s) => noNewline(s).replace(/\//g, '-'));
const annotation = fc
  .array(fc.oneof(text(0).map(noNewline), fc.constantFrom('12 copies', '3   kept', '7      x   [a] b.vmx')), { maxLength: 3 })
  .map((lines) => lines.join('\n').replace(/ +$/, ''));

const row = fc.record({
  name,
  datastore,
  folder,
  guestOs: fc.stringMatching(/^[a-z][A-Za-z0-9_]{2,21}$/),
  version: fc.integer({ min: 4, max: 21 }).map((n) => `vmx-${String(n).padStart(2, '0')}`),
  annotation,
});

const inventory = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 99999 }), { minLength: 0, maxLength: 6 }), fc.array(row, { minLength: 6, maxLength: 6 }))
  .map(([ids, rows]) =>
    ids.map((id, i) => {
      const r = rows[i]!;
      return { vmid: String(id), name: r.name, file: `[${r.datastore}] ${r.folder}/${r.name}.vmx`, guestOs: r.guestOs, version: r.version, annotation: r.annotation };
    }),
  );

const utf16 = (s: string): number => s.length;
const utf8 = (s: string): number => new TextEncoder().encode(s).length;

describe('getallvms property', () => {
  it('reads back every generated inventory, padded by characters or by bytes', () => {
    fc.assert(
      fc.property(inventory, fc.constantFrom(utf16, utf8), (rows, width) => {
        const text = formatGetAllVms(rows, width);
        const parsed = parseGetAllVms(text);
        const expected = [...rows].sort((a, b) => (a.vmid < b.vmid ? -1 : a.vmid > b.vmid ? 1 : 0));
        expect(parsed.unknownLines).toEqual([]);
        expect(parsed.vms.map((v) => [v.vmid, v.name, v.file, v.guestId, v.hwVersion, v.annotation])).toEqual(
          expected.map((r) => [r.vmid, r.name, r.file, r.guestOs, r.version, r.annotation]),
        );
      }),
      { numRuns: 250 },
    );
  });
});
