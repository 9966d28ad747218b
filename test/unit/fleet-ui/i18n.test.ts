import { describe, expect, it } from 'vitest';
import { messages as ui } from '../../../shared/i18n/fleet-ui.ts';
import { messages as esxi } from '../../../shared/i18n/esxi.ts';
import { messages as fleet } from '../../../shared/i18n/fleet.ts';
import { messages as overview } from '../../../shared/i18n/fleet-overview.ts';

const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('fleet page words', () => {
  it('Italian and English have the same keys and the same placeholders', () => {
    expect(Object.keys(ui.it).sort()).toEqual(Object.keys(ui.en).sort());
    for (const key of Object.keys(ui.en) as (keyof typeof ui.en)[]) expect(vars(ui.it[key]), key).toEqual(vars(ui.en[key]));
  });

  it('the overview’s words have the same keys and placeholders in both languages, and tu in Italian', () => {
    expect(Object.keys(overview.it).sort()).toEqual(Object.keys(overview.en).sort());
    for (const key of Object.keys(overview.en) as (keyof typeof overview.en)[]) expect(vars(overview.it[key]), key).toEqual(vars(overview.en[key]));
    for (const text of Object.values(overview.it)) expect(text).not.toMatch(/\b(Lei|Suo|Sua|voi|vostr[oaie])\b/);
  });

  it('every short badge names a finding that has a full text (so the badge always opens a real explanation)', () => {
    const codes = new Set([...Object.keys(fleet.en), ...Object.keys(esxi.en)]);
    const shorts = Object.keys(ui.en).filter((k) => k.startsWith('fleet.ui.short.')).map((k) => k.slice('fleet.ui.short.'.length));
    expect(shorts.length).toBeGreaterThan(10);
    for (const code of shorts) expect(codes.has(code), code).toBe(true);
  });

  it('Italian addresses the user with tu, never with Lei or voi', () => {
    for (const text of Object.values(ui.it)) expect(text).not.toMatch(/\b(Lei|Suo|Sua|voi|vostr[oaie])\b/);
  });
});
