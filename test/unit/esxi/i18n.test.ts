import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messages } from '../../../shared/i18n/esxi.ts';

/** Every code the ESXi/NAS parsers and checks can emit has a text in both languages, with the same placeholders. */
const root = new URL('../../../electron/core/', import.meta.url);

function sources(dir: string): string[] {
  return readdirSync(new URL(dir, root)).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(new URL(`${dir}/${f}`, root), 'utf8'));
}

const text = [...sources('esxi'), ...sources('nas')].join('\n');
const findingCodes = [...text.matchAll(/finding\('([\w.]+)'/g)].map((m) => m[1]!);
const errorCodes = [...text.matchAll(/AppError\('([\w.]+)'/g)].map((m) => m[1]!);
const placeholders = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

describe('shared/i18n/esxi.ts', () => {
  it('finds the codes in the sources (the scan itself works)', () => {
    expect(findingCodes).toContain('esxi.link.shareDeniesHost');
    expect(errorCodes).toContain('nas.unexpectedOutput');
  });

  it('has an English and an Italian text for every code', () => {
    const en = messages.en as Record<string, string>;
    const it_ = messages.it as Record<string, string>;
    for (const code of findingCodes) {
      expect(en[code], code).toBeTypeOf('string');
      expect(it_[code], code).toBeTypeOf('string');
    }
    for (const code of errorCodes) {
      expect(en[`error.${code}`], code).toBeTypeOf('string');
      expect(it_[`error.${code}`], code).toBeTypeOf('string');
    }
  });

  it('uses the same keys and placeholders in both languages', () => {
    expect(Object.keys(messages.it).sort()).toEqual(Object.keys(messages.en).sort());
    for (const [key, value] of Object.entries(messages.en)) {
      expect(placeholders((messages.it as Record<string, string>)[key]!), key).toEqual(placeholders(value));
    }
  });
});
