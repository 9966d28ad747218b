/**
 * Conf keys whose values are secrets (ghettoVCB's EMAIL_USER_PASSWORD, and any key that says so by its name) are
 * replaced by this marker as soon as they are read from a host: it is what gets stored, judged and shown, and the
 * UI words it as "set, hidden". It reads as a plain shell word, so a redacted conf still parses.
 */
export const HIDDEN_VALUE = '••••••••';

const SECRET_NAME = /pass(word|wd|phrase)|secret|token/i;

export const isSecretKey = (name: string): boolean => SECRET_NAME.test(name);
