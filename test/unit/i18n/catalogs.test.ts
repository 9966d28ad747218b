import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The renderer and the CLI merge every `shared/i18n/*.ts` into one table per language, so a key defined in two
 * files silently takes whichever loads last, and a key missing in one language falls back to English in the middle
 * of Italian text. Both are caught here, over whatever catalogs exist (new areas add their own files).
 */
type Catalog = { messages?: { en?: Record<string, string>; it?: Record<string, string> } };

const dir = new URL('../../../shared/i18n/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
const catalogs = await Promise.all(files.map(async (f) => ({ file: f, mod: (await import(new URL(f, dir).href)) as Catalog })));

/** key → the files that define it, for one language. */
function owners(lang: 'en' | 'it'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { file, mod } of catalogs) for (const key of Object.keys(mod.messages?.[lang] ?? {})) out.set(key, [...(out.get(key) ?? []), file]);
  return out;
}

describe('shared/i18n catalogs', () => {
  it('finds the catalogs and each has both languages', () => {
    expect(files).toContain('app.ts');
    expect(files.length).toBeGreaterThan(3);
    for (const { file, mod } of catalogs) {
      expect(mod.messages?.en, `${file}: messages.en`).toBeTypeOf('object');
      expect(mod.messages?.it, `${file}: messages.it`).toBeTypeOf('object');
    }
  });

  it('defines every key in one file only', () => {
    for (const lang of ['en', 'it'] as const) {
      const twice = [...owners(lang)].filter(([, where]) => where.length > 1).map(([key, where]) => `${lang} ${key}: ${where.join(', ')}`);
      expect(twice).toEqual([]);
    }
  });

  it('defines every key in both languages, in the same file', () => {
    for (const { file, mod } of catalogs) {
      const en = Object.keys(mod.messages?.en ?? {});
      const it_ = Object.keys(mod.messages?.it ?? {});
      expect(en.filter((k) => !it_.includes(k)), `${file}: English only`).toEqual([]);
      expect(it_.filter((k) => !en.includes(k)), `${file}: Italian only`).toEqual([]);
    }
  });

  it('gives no empty text', () => {
    for (const { file, mod } of catalogs) {
      for (const lang of ['en', 'it'] as const) {
        const empty = Object.entries(mod.messages?.[lang] ?? {}).filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
        expect(empty, `${file} ${lang}`).toEqual([]);
      }
    }
  });

  it('never assumes the reader’s site (“as on this site”, “come in questa rete”)', () => {
    const assuming = /\b(this|the) site(’s)?\b|questa rete|la rete usa|usato nella rete/i;
    for (const { file, mod } of catalogs) {
      for (const lang of ['en', 'it'] as const) {
        const found = Object.entries(mod.messages?.[lang] ?? {}).filter(([, v]) => assuming.test(v)).map(([k]) => k);
        expect(found, `${file} ${lang}`).toEqual([]);
      }
    }
  });
});
