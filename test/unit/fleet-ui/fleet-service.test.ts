import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../../shared/ipc/bridge.ts';
import { createClient, installClient } from '../../../renderer/app/client.ts';
import { createFleetService } from '../../../renderer/stores/fleet/service.ts';

/** A bridge whose core ends the add job at once: its job:done event arrives before the call's answer. */
function hastyCore(): { bridge: Bridge; calls: { name: string; input: unknown }[] } {
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  const calls: { name: string; input: unknown }[] = [];
  const bridge: Bridge = {
    async invoke(name, input) {
      calls.push({ name, input });
      if (name === 'fleet.addHost') {
        emit('job:done', { jobId: 'job-7', state: 'failed', error: { code: 'ssh.unreachable', message: 'x' } });
        return { ok: true, value: { jobId: 'job-7' } };
      }
      if (name === 'fleet.removeHost') return { ok: true, value: {} };
      return { ok: false, error: { code: 'ipc.unknownMethod', message: name } };
    },
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => listeners.set(event, (listeners.get(event) ?? []).filter((l) => l !== listener));
    },
  };
  return { bridge, calls };
}

describe('fleet service', () => {
  it('knows how a job ended even when it ended before its start call returned', async () => {
    const core = hastyCore();
    installClient(createClient(core.bridge));
    const service = createFleetService();
    const { jobId } = await service.addHost({ host: { role: 'esxi', address: '10.0.0.8', auth: 'agent' } });
    await expect(service.jobDone(jobId)).resolves.toMatchObject({ state: 'failed', error: { code: 'ssh.unreachable' } });
  });

  it('removes a host by the id the contract names', async () => {
    const core = hastyCore();
    installClient(createClient(core.bridge));
    await createFleetService().removeHost('h-1');
    expect(core.calls).toEqual([{ name: 'fleet.removeHost', input: { hostId: 'h-1' } }]);
  });
});
