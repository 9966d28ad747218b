import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AddHostInput, type AuthMethod, type HostRole } from '../../../shared/ipc/fleet.ts';
import { REASON_MAX } from '../../../shared/model/operation.ts';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Progress } from '../../components/Progress.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { useConnections } from '../../stores/connections/store.ts';
import type { AddRun } from '../../stores/fleet/slices/add/initialState.ts';
import { splitAddress } from './address-port.ts';

const AUTH_METHODS: AuthMethod[] = ['password', 'key', 'agent'];
type Field = 'name' | 'address' | 'port' | 'username' | 'keyPath' | 'group';

interface Form {
  name: string;
  address: string;
  port: string;
  username: string;
  auth: AuthMethod;
  password: string;
  keyPath: string;
  keyPassphrase: string;
  remember: boolean;
  group: string;
  reason: string;
}

const blank: Form = { name: '', address: '', port: '22', username: 'root', auth: 'password', password: '', keyPath: '', keyPassphrase: '', remember: false, group: '', reason: '' };

/** The form as the contract's input; fields the schema refuses come back by name, worded by the dialog. */
function toInput(role: HostRole, f: Form): { input: AddHostInput | null; invalid: Set<Field> } {
  const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());
  const candidate = {
    host: {
      role,
      name: optional(f.name),
      address: f.address.trim(),
      port: /^\d+$/.test(f.port.trim()) ? Number(f.port.trim()) : Number.NaN,
      username: f.username.trim(),
      auth: f.auth,
      keyPath: f.auth === 'key' ? optional(f.keyPath) : undefined,
      group: optional(f.group),
    },
    password: f.auth === 'password' && f.password !== '' ? f.password : undefined,
    keyPassphrase: f.auth === 'key' && f.keyPassphrase !== '' ? f.keyPassphrase : undefined,
    remember: f.auth !== 'agent' && f.remember,
    reason: optional(f.reason),
  };
  const parsed = AddHostInput.safeParse(candidate);
  if (parsed.success) return { input: candidate, invalid: new Set() };
  return { input: null, invalid: new Set(parsed.error.issues.map((i) => i.path[1]).filter((p): p is Field => typeof p === 'string')) };
}

function Row({ label, hint, error, children }: { label: string; hint?: string; error?: string | null; children: ReactNode }) {
  return (
    <label className="add-field">
      <span className="add-label">
        {label}
        {hint ? <span className="muted small"> · {hint}</span> : null}
      </span>
      {children}
      {error ? <span className="add-invalid small">{error}</span> : null}
    </label>
  );
}

/**
 * Adding a host or the NAS: where it is and how to log in. Submitting starts the add job; its progress shows here,
 * the SSH layer's own dialogs ask about the host key (and any login round), and a failure is worded from its code.
 */
export function AddHostDialog({ run, onSubmit, onStop, onClose }: { run: AddRun; onSubmit(input: AddHostInput): void; onStop(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(blank);
  const [invalid, setInvalid] = useState<Set<Field>>(new Set());
  const port = Number(form.port);
  const address = form.address.trim();
  const waitingKey = useConnections((s) => run.running && s.hostKeyPrompts.some((p) => p.host === address && p.port === port));
  const waitingLogin = useConnections((s) => run.running && s.authPrompts.some((p) => p.host === address));
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });
  // "10.0.0.2:22" is split where the user can see it: the port moves to its own field.
  const splitPort = (f: Form): { form: Form; conflict: boolean } => {
    const split = splitAddress(f.address, f.port);
    return split.conflict ? { form: f, conflict: true } : { form: { ...f, address: split.address, port: split.port }, conflict: false };
  };
  const invalidText = (field: Field) => (invalid.has(field) ? t(`fleet.ui.add.invalid.${field}`) : null);
  const formId = `add-${run.role}`;
  const storage = run.storage;
  // On a keyring-less Linux desktop remembering needs the consent given in Settings first.
  const canRemember = storage !== null && storage.kind !== 'unavailable' && (storage.kind !== 'basic-text' || storage.basicTextAccepted);
  const step = waitingKey
    ? t('fleet.ui.add.waitingKey')
    : waitingLogin
      ? t('fleet.ui.add.waitingLogin')
      : run.progress?.stepKey
        ? t(run.progress.stepKey, run.progress.stepParams)
        : t('fleet.ui.add.running');

  return (
    <Dialog
      open
      title={t(`fleet.ui.add.title.${run.role}`)}
      onClose={onClose}
      dismissable={!run.running}
      actions={
        run.running ? (
          <Button onClick={onStop} disabled={!run.jobId}>
            {t('fleet.ui.add.stop')}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{t('fleet.ui.add.cancel')}</Button>
            <Button variant="primary" type="submit" form={formId}>
              {t('fleet.ui.add.submit')}
            </Button>
          </>
        )
      }
    >
      <form
        id={formId}
        className="add-form"
        data-testid="add-host-dialog"
        data-role={run.role}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const split = splitPort(form);
          setForm(split.form);
          const { input, invalid: bad } = toInput(run.role, { ...split.form, remember: canRemember && form.remember });
          if (split.conflict) bad.add('address');
          setInvalid(bad);
          if (input && !split.conflict) onSubmit(input);
        }}
      >
        <p className="muted">{t(`fleet.ui.add.intro.${run.role}`)}</p>
        <fieldset className="add-fields" disabled={run.running}>
          <div className="add-grid">
            <Row label={t('fleet.ui.add.address')} error={invalidText('address')}>
              <input
                name="address"
                autoFocus
                spellCheck={false}
                autoComplete="off"
                placeholder={t('fleet.ui.add.addressPlaceholder')}
                aria-invalid={invalid.has('address')}
                value={form.address}
                onChange={(e) => set('address', e.target.value)}
                onBlur={() => {
                  const split = splitPort(form);
                  if (!split.conflict) setForm(split.form);
                }}
              />
            </Row>
            <Row label={t('fleet.ui.add.port')} error={invalidText('port')}>
              <input name="port" inputMode="numeric" className="add-port" aria-invalid={invalid.has('port')} value={form.port} onChange={(e) => set('port', e.target.value)} />
            </Row>
          </div>
          <div className="add-grid">
            <Row label={t('fleet.ui.add.name')} hint={t('fleet.ui.add.optional')} error={invalidText('name')}>
              <input name="name" spellCheck={false} placeholder={t(`fleet.ui.add.namePlaceholder.${run.role}`)} value={form.name} onChange={(e) => set('name', e.target.value)} />
            </Row>
            <Row label={t('fleet.ui.add.group')} hint={t('fleet.ui.add.optional')} error={invalidText('group')}>
              <input name="group" placeholder={t('fleet.ui.add.groupPlaceholder')} value={form.group} onChange={(e) => set('group', e.target.value)} />
            </Row>
          </div>
          <Row label={t('fleet.ui.add.username')} error={invalidText('username')}>
            <input name="username" spellCheck={false} autoComplete="off" aria-invalid={invalid.has('username')} value={form.username} onChange={(e) => set('username', e.target.value)} />
          </Row>
          <div className="add-auth" role="radiogroup" aria-label={t('fleet.ui.add.auth')}>
            <span className="add-label">{t('fleet.ui.add.auth')}</span>
            <div className="add-auth-options">
              {AUTH_METHODS.map((m) => (
                <label key={m} className="add-radio">
                  <input type="radio" name="auth" value={m} checked={form.auth === m} onChange={() => set('auth', m)} />
                  <span>{t(`fleet.ui.add.auth.${m}`)}</span>
                </label>
              ))}
            </div>
          </div>
          {form.auth === 'password' ? (
            <Row label={t('fleet.ui.add.password')}>
              <input name="password" type="password" autoComplete="off" value={form.password} onChange={(e) => set('password', e.target.value)} />
            </Row>
          ) : null}
          {form.auth === 'key' ? (
            <>
              <Row label={t('fleet.ui.add.keyPath')} error={invalidText('keyPath')}>
                <input
                  name="keyPath"
                  spellCheck={false}
                  className="mono"
                  placeholder={t('fleet.ui.add.keyPathPlaceholder')}
                  aria-invalid={invalid.has('keyPath')}
                  value={form.keyPath}
                  onChange={(e) => set('keyPath', e.target.value)}
                />
              </Row>
              <Row label={t('fleet.ui.add.keyPassphrase')} hint={t('fleet.ui.add.optional')}>
                <input name="keyPassphrase" type="password" autoComplete="off" value={form.keyPassphrase} onChange={(e) => set('keyPassphrase', e.target.value)} />
              </Row>
            </>
          ) : null}
          {form.auth !== 'agent' && storage ? (
            canRemember ? (
              <label className="add-check">
                <input type="checkbox" name="remember" checked={form.remember} onChange={(e) => set('remember', e.target.checked)} />
                <span>
                  {t(`ssh.auth.remember.${storage.kind}`, { name: storage.name })}
                  <span className="muted small add-check-hint">{t('fleet.ui.add.rememberHint')}</span>
                </span>
              </label>
            ) : (
              <p className="muted small">{storage.kind === 'unavailable' ? t('ssh.auth.remember.unavailable') : t('error.secrets.basicTextNotAccepted')}</p>
            )
          ) : null}
          <Row label={t('operations.review.reason')} hint={t('fleet.ui.add.optional')}>
            <textarea name="reason" rows={2} maxLength={REASON_MAX} value={form.reason} onChange={(e) => set('reason', e.target.value)} />
          </Row>
        </fieldset>
        <p className="hint">{t('fleet.ui.add.trustNote')}</p>
        {run.running ? (
          <div className="add-progress" role="status" data-testid="add-progress">
            <Progress fraction={run.progress?.fraction ?? null} label={t('fleet.ui.add.running')} />
            <p className={waitingKey || waitingLogin ? 'add-waiting' : 'muted small'}>{step}</p>
          </div>
        ) : null}
        {run.error ? (
          <div className="add-error" role="alert" data-testid="add-error" data-code={run.error.code}>
            <strong>{t('fleet.ui.add.failed')}</strong> {errorText(t, run.error)}
          </div>
        ) : null}
      </form>
    </Dialog>
  );
}
