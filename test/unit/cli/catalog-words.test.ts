import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { words as fileWords } from '../../../electron/cli/file-words.ts';
import { errorWords } from '../../../electron/cli/fleet-words.ts';

const i18n = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/i18n');

/** Every key of every catalog starting with `prefix`, with the file that defines it and its words in each language. */
async function keysOf(prefix: string): Promise<{ file: string; key: string; it: string; en: string }[]> {
  const keys: { file: string; key: string; it: string; en: string }[] = [];
  for (const file of readdirSync(i18n).filter((f) => f.endsWith('.ts'))) {
    const { messages } = (await import(join(i18n, file))) as { messages: { it: Record<string, string>; en: Record<string, string> } };
    for (const [key, en] of Object.entries(messages.en)) if (key.startsWith(prefix)) keys.push({ file, key, en, it: messages.it[key] ?? '' });
  }
  return keys;
}

/** Placeholders are filled in (with ? when missing), so compare the words before the first one. */
const head = (t: string) => t.split('{{')[0] ?? '';

describe('words of the CLI', () => {
  it('has the words of every error code any catalog defines, in both languages', async () => {
    const keys = await keysOf('error.');
    // logs.notProbed is what `custode logs sync` says for a host never checked: once printed as English in Italian.
    expect(keys.map((k) => k.key)).toContain('error.logs.notProbed');
    const unworded = keys.filter(({ key, it, en }) => {
      const code = key.slice('error.'.length);
      return !errorWords('it', { code, message: 'x' }).startsWith(head(it)) || !errorWords('en', { code, message: 'x' }).startsWith(head(en));
    });
    expect(unworded.map((k) => `${k.file}: ${k.key}`)).toEqual([]);
  });

  it('gives the file commands (cron explain, conf check) every key they can say', async () => {
    const said = ['cli.cron.', 'cli.conf.', 'cli.severity.', 'cli.error.', 'ghettovcb.cron.', 'ghettovcb.conf.'];
    const keys = (await Promise.all(said.map(keysOf))).flat();
    expect(keys.length).toBeGreaterThan(50);
    const unworded = keys.filter(({ key, it, en }) => !fileWords('it', key).startsWith(head(it)) || !fileWords('en', key).startsWith(head(en)));
    expect(unworded.map((k) => `${k.file}: ${k.key}`)).toEqual([]);
  });
});
