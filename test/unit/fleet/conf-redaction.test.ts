import { describe, expect, it } from 'vitest';
import { redactConf } from '../../../electron/core/fleet/conf-redaction.ts';
import { confValues, parseConf } from '../../../electron/core/ghettovcb/conf/parse.ts';
import { validateConf } from '../../../electron/core/ghettovcb/conf/validate.ts';
import { HIDDEN_VALUE, isSecretKey } from '../../../shared/model/hidden-value.ts';

const SECRET = 'Pl4nted-S3cret';

describe('secrets in a conf read from a host', () => {
  it('hides EMAIL_USER_PASSWORD whatever its quoting, and keeps every other line byte for byte', () => {
    const conf = [
      'VM_BACKUP_VOLUME=/vmfs/volumes/backup',
      `EMAIL_USER_PASSWORD="${SECRET} with spaces"`,
      `export EMAIL_USER_PASSWORD='${SECRET}'`,
      `EMAIL_USER_PASSWORD=${SECRET}   # the school's mail`,
      `EMAIL_USER_PASSWORD=${SECRET} trailing words`,
      'EMAIL_USER_NAME=backup@scuola.it',
      '# EMAIL_USER_PASSWORD=a comment is not read',
    ].join('\n');
    const out = redactConf(conf);
    expect(out).not.toContain(SECRET);
    const lines = out.split('\n');
    expect(lines).toEqual([
      'VM_BACKUP_VOLUME=/vmfs/volumes/backup',
      `EMAIL_USER_PASSWORD=${HIDDEN_VALUE}`,
      `export EMAIL_USER_PASSWORD=${HIDDEN_VALUE}`,
      `EMAIL_USER_PASSWORD=${HIDDEN_VALUE}`,
      `EMAIL_USER_PASSWORD=${HIDDEN_VALUE}`,
      'EMAIL_USER_NAME=backup@scuola.it',
      '# EMAIL_USER_PASSWORD=a comment is not read',
    ]);
    expect(confValues(parseConf(out)).get('EMAIL_USER_PASSWORD')?.value).toBe(HIDDEN_VALUE);
  });

  it('hides any key whose name says password, passphrase, secret or token', () => {
    for (const key of ['SMTP_PASSWORD', 'NAS_PASSWD', 'KEY_PASSPHRASE', 'API_SECRET', 'api_token', 'MyTokenValue']) {
      expect(isSecretKey(key), key).toBe(true);
      expect(redactConf(`${key}=${SECRET}`)).toBe(`${key}=${HIDDEN_VALUE}`);
    }
    for (const key of ['EMAIL_USER_NAME', 'VM_BACKUP_VOLUME', 'PWD', 'EMAIL_SERVER']) expect(isSecretKey(key), key).toBe(false);
  });

  it('keeps an empty password empty (nothing is set) and keeps CRLF line ends', () => {
    expect(redactConf('EMAIL_USER_PASSWORD=\nEMAIL_USER_PASSWORD=""')).toBe('EMAIL_USER_PASSWORD=\nEMAIL_USER_PASSWORD=""');
    expect(redactConf(`A=1\r\nEMAIL_USER_PASSWORD=${SECRET}\r\nB=2\r\n`)).toBe(`A=1\r\nEMAIL_USER_PASSWORD=${HIDDEN_VALUE}\r\nB=2\r\n`);
  });

  it('hides what follows = on lines sh would not read as an assignment, and the lines an open quote swallows', () => {
    expect(redactConf(`EMAIL_USER_PASSWORD = ${SECRET}`)).toBe(`EMAIL_USER_PASSWORD = ${HIDDEN_VALUE}`);
    const open = redactConf(`A=1\nEMAIL_USER_PASSWORD="${SECRET}\n${SECRET} line two"\nB=2`);
    expect(open).not.toContain(SECRET);
    expect(open.split('\n')).toHaveLength(4);
    expect(open.split('\n').at(-1)).toBe('B=2');
  });

  it('is idempotent, and the conf checks still see a password kept in clear on the host', () => {
    const once = redactConf(`EMAIL_USER_PASSWORD=${SECRET}\nVM_BACKUP_VOLUME=/vmfs/volumes/backup`);
    expect(redactConf(once)).toBe(once);
    expect(validateConf(parseConf(once), { role: 'global' }).map((i) => i.code)).toContain('ghettovcb.conf.passwordInClear');
  });
});
