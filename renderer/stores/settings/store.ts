import { create } from 'zustand';
import type { AppInfo } from '../../../shared/ipc/contract.ts';
import type { Settings, SettingsPatch } from '../../../shared/ipc/settings.ts';
import { client } from '../../app/client.ts';

interface SettingsState {
  settings: Settings | null;
  info: AppInfo | null;
  load(): Promise<Settings>;
  update(patch: SettingsPatch): Promise<Settings>;
}

export const useSettings = create<SettingsState>()((set) => ({
  settings: null,
  info: null,
  async load() {
    const [settings, info] = await Promise.all([client().call('settings.get', {}), client().call('app.info', {})]);
    set({ settings, info });
    return settings;
  },
  async update(patch) {
    const settings = await client().call('settings.update', patch);
    set({ settings });
    return settings;
  },
}));
