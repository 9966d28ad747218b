import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/ipc/settings.ts';

type Catalog = { messages: { en: Record<string, string>; it: Record<string, string> } };

// Every domain keeps its words in shared/i18n/<domain>.ts (the CLI reads the same files); all are merged here.
const catalogs = import.meta.glob<Catalog>('../../shared/i18n/*.ts', { eager: true });

function merged(lang: Language): Record<string, string> {
  const out: Record<string, string> = {};
  for (const catalog of Object.values(catalogs)) if (catalog.messages) Object.assign(out, catalog.messages[lang]);
  return out;
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    // Keys are flat ids with dots in them ("nav.fleet"), not nested objects.
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    resources: { en: { translation: merged('en') }, it: { translation: merged('it') } },
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export { i18next };
