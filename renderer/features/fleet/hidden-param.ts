import type { TFunction } from 'i18next';
import { HIDDEN_VALUE } from '../../../shared/model/hidden-value.ts';

/** A finding param as shown: a secret Custode hid when it read the conf reads "set, hidden" in the UI's language. */
export const shownHidden = (t: TFunction, value: string): string => value.replaceAll(HIDDEN_VALUE, t('secrets.setHidden'));
