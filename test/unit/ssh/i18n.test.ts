import { describe, expect, it } from 'vitest';
import { messages } from '../../../shared/i18n/ssh.ts';
import { SSH_ERRORS } from '../../../electron/core/ssh/errors.ts';

describe('SSH words', () => {
  it('Italian and English have the same keys', () => {
    expect(Object.keys(messages.it).sort()).toEqual(Object.keys(messages.en).sort());
  });

  it('every SSH error code has a text in both languages', () => {
    for (const code of Object.values(SSH_ERRORS)) {
      expect(messages.en, code).toHaveProperty([`error.${code}`]);
      expect(messages.it, code).toHaveProperty([`error.${code}`]);
    }
  });

  it('interpolations match between languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(messages.en) as (keyof typeof messages.en)[]) expect(vars(messages.it[key]), key).toEqual(vars(messages.en[key]));
  });
});
