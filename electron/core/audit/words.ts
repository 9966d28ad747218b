import { messages } from '../../../shared/i18n/operations.ts';
import type { Words } from '../../../shared/model/operation.ts';
import type { Lang } from '../ghettovcb/text.ts';

export type { Lang };

/** The trail's words for text core writes itself (exports, the CLI), from the same catalog the app uses. */
export function auditText(lang: Lang, key: string, params: Readonly<Record<string, string | number>> = {}): string {
  const template = (messages[lang] as Readonly<Record<string, string>>)[key] ?? (messages.en as Readonly<Record<string, string>>)[key] ?? key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
}

export const wordsText = (lang: Lang, w: Words): string => auditText(lang, w.key, w.params);
