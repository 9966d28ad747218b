import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
// electron-builder's own deb target: where its default package dependencies are written down.
const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget.js') as {
  default: { prototype: { getDefaultDepends(target: string): string[] } };
};

interface BuilderConfig {
  deb?: { depends?: string[] | string };
}

/** What electron-builder will write into the .deb's Depends: a `depends` list replaces its defaults entirely. */
function effectiveDebDepends(config: BuilderConfig): string[] {
  const own = config.deb?.depends;
  if (own === undefined) return FpmTarget.prototype.getDefaultDepends.call(null, 'deb');
  return Array.isArray(own) ? own : [own];
}

describe('packaging (electron-builder.yml)', () => {
  const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

  it('the .deb depends on what Electron needs to start on a minimal system, and on libsecret for the keychain', () => {
    const depends = effectiveDebDepends(config);
    for (const pkg of ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0']) {
      expect(depends, pkg).toContain(pkg);
    }
  });

  it("keeps every one of electron-builder's own deb defaults (a custom list must repeat them)", () => {
    const defaults = FpmTarget.prototype.getDefaultDepends.call(null, 'deb');
    expect(defaults.length).toBeGreaterThan(5);
    expect(effectiveDebDepends(config)).toEqual(expect.arrayContaining(defaults));
  });

  it('a custom list without the defaults is caught (the mistake this file once had)', () => {
    expect(effectiveDebDepends({ deb: { depends: ['libsecret-1-0'] } })).not.toContain('libgtk-3-0');
  });
});
