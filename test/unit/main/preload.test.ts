import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../shared/ipc/bridge.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../shared/ipc/channels.ts';
import { ipcNames } from '../../../shared/ipc/names.ts';
import { ipcRenderer, recorded, resetElectron } from './electron-stub.ts';

vi.mock('electron', () => import('./electron-stub.ts'));

/** The real preload, with the names the build writes into it. */
describe('preload bridge', () => {
  let bridge: Bridge;
  beforeAll(async () => {
    resetElectron();
    vi.stubGlobal('__CUSTODE_IPC_NAMES__', ipcNames());
    await import('../../../electron/preload/index.ts');
    bridge = recorded.exposed.get('custode') as Bridge;
  });
  const emit = (name: string, payload: unknown) => ipcRenderer.emit(EVENT_CHANNEL, { sender: 'electron event' }, name, payload);

  it('exposes only invoke and on as window.custode', () => {
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('passes contract calls to main and refuses other names without reaching it', async () => {
    await bridge.invoke('app.info', {});
    expect(ipcRenderer.invoked).toEqual([[INVOKE_CHANNEL, 'app.info', {}]]);
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      expect(await bridge.invoke(name as never, {})).toMatchObject({ ok: false, error: { code: 'ipc.unknownMethod' } });
    }
    expect(ipcRenderer.invoked).toHaveLength(1);
  });

  it('keeps one ipcRenderer listener however many subscriptions the page makes, and fans events out by name', () => {
    const got: unknown[] = [];
    const offs = Array.from({ length: 50 }, (_, i) => bridge.on('job:progress', (p) => got.push([i, p])));
    const other: unknown[] = [];
    const offOther = bridge.on('ssh:state', (p) => other.push(p));
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(1);
    emit('job:progress', 'p1');
    expect(got).toHaveLength(50);
    expect(other).toEqual([]);
    for (const off of offs.slice(1)) off();
    emit('job:progress', 'p2');
    expect(got.at(-1)).toEqual([0, 'p2']);
    expect(got).toHaveLength(51);
    offs[0]!();
    offOther();
    emit('job:progress', 'p3');
    expect(got).toHaveLength(51);
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(1);
  });

  it('the same function subscribed twice is two subscriptions; listeners never see the Electron event', () => {
    const seen: unknown[][] = [];
    const listener = (...args: unknown[]) => seen.push(args);
    const off1 = bridge.on('ssh:notice', listener);
    const off2 = bridge.on('ssh:notice', listener);
    emit('ssh:notice', { code: 'x' });
    expect(seen).toEqual([[{ code: 'x' }], [{ code: 'x' }]]);
    off1();
    emit('ssh:notice', { code: 'y' });
    expect(seen).toHaveLength(3);
    off2();
  });

  it('refuses to subscribe to an event outside the contract', () => {
    expect(() => bridge.on('nope' as never, () => undefined)).toThrow(TypeError);
    expect(() => bridge.on('__proto__' as never, () => undefined)).toThrow(TypeError);
  });
});
