import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { shownHidden } from '../../../renderer/features/fleet/hidden-param.ts';
import { messages as desktop } from '../../../shared/i18n/desktop.ts';
import { messages as ghettovcb } from '../../../shared/i18n/ghettovcb.ts';
import { HIDDEN_VALUE } from '../../../shared/model/hidden-value.ts';

const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('a secret Custode hid, as the UI words it', () => {
  it('reads "set, hidden" in English and "impostata, nascosta" in Italian', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'en',
      keySeparator: false,
      nsSeparator: false,
      interpolation: { escapeValue: false },
      resources: { en: { translation: { ...ghettovcb.en, ...desktop.en } }, it: { translation: { ...ghettovcb.it, ...desktop.it } } },
    });
    // What the conf check quotes for `EMAIL_USER_PASSWORD = …`, through the same t() the finding text uses.
    const text = (lang: string) => i18n.t('ghettovcb.conf.spaceAroundEquals', { lng: lang, text: shownHidden(i18n.getFixedT(lang), `EMAIL_USER_PASSWORD = ${HIDDEN_VALUE}`) });
    expect(text('en')).toContain('EMAIL_USER_PASSWORD = set, hidden');
    expect(text('it')).toContain('EMAIL_USER_PASSWORD = impostata, nascosta');
    expect(text('it')).not.toContain(HIDDEN_VALUE);
  });

  it('desktop words exist in both languages with the same placeholders', () => {
    expect(Object.keys(desktop.it).sort()).toEqual(Object.keys(desktop.en).sort());
    for (const key of Object.keys(desktop.en) as (keyof typeof desktop.en)[]) expect(vars(desktop.it[key]), key).toEqual(vars(desktop.en[key]));
    for (const text of Object.values(desktop.it)) expect(text).not.toMatch(/\b(Lei|Suo|Sua|voi|vostr[oaie])\b/);
  });
});
