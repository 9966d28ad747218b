import { describe, expect, it } from 'vitest';
import { parseLog } from '../../../electron/core/ghettovcb/log/parser.ts';
import { FINAL_STATUS_EXIT_CODES, LOG_TEMPLATES, renderLines, type LogTemplateId } from '../../../electron/core/ghettovcb/log/templates.ts';

const params: Record<string, string | number> = new Proxy({}, { get: (_, name) => (name === 'vm' ? 'web (01)' : ['percent', 'code', 'value', 'size'].includes(String(name)) ? 7 : `v-${String(name)}`) });

describe('log templates', () => {
  it('every template a lab renders is recognised by the parser', () => {
    for (const id of Object.keys(LOG_TEMPLATES) as LogTemplateId[]) {
      const text = renderLines(id, '2025-11-02 01:00:02', id === 'cloneCommand' ? { vmkfstools: '/sbin/vmkfstools', source: '/a b.vmdk', adapter: '-a "lsilogic"', format: '-d "thin"', destination: '/c.vmdk' } : params);
      const prefix = id.startsWith('dryrun') && id !== 'dryrunVm' ? renderLines('dryrunVm', '2025-11-02 01:00:02', params) + renderLines('dryrunVmdks', '2025-11-02 01:00:02') : '';
      const runs = parseLog(prefix + text).runs;
      expect(runs.flatMap((r) => r.unrecognized), id).toEqual([]);
    }
  });

  it('maps every Final status text to the exit code of getFinalStatus', () => {
    for (const [status, code] of Object.entries(FINAL_STATUS_EXIT_CODES)) {
      expect(parseLog(renderLines('finalStatus', '2025-11-02 01:00:02', { status })).runs[0]?.exitCode).toBe(code);
    }
  });

  it('renders the blank line that echo -e leaves after messages ending in \\n', () => {
    expect(renderLines('resultOk', '2025-11-02 01:21:01', { vm: 'web01' })).toBe('2025-11-02 01:21:01 -- info: Successfully completed backup for web01!\n\n');
    expect(renderLines('cloning', 'ignored', { source: '/x.vmdk' })).toBe("Cloning disk '/x.vmdk'...\n");
  });
});
