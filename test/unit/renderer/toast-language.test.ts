import i18next, { type TFunction } from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { messages as app } from '../../../shared/i18n/app.ts';
import { jobOutcome, toastsWhenDone } from '../../../renderer/features/jobs/job-words.ts';
import type { JobView } from '../../../renderer/stores/jobs/store.ts';
import { useToasts } from '../../../renderer/stores/toasts/store.ts';

/** A toast that is still on screen when the user switches language speaks the new one: it keeps words, not text. */
async function translator(lng: 'it' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { [lng]: { translation: app[lng] } }, keySeparator: false, nsSeparator: false, interpolation: { escapeValue: false } });
  return i18n.t;
}

const job = { id: 'j1', kind: 'unknown.kind', title: 'esxi-07', state: 'succeeded', result: null, error: null } as unknown as JobView;

describe('toasts', () => {
  beforeEach(() => useToasts.setState({ toasts: [] }));

  it("a job's end toast pushed in Italian reads in English once the language changes", async () => {
    const [it_, en] = await Promise.all([translator('it'), translator('en')]);
    useToasts.getState().push(jobOutcome(it_, job).tone, (now) => jobOutcome(now, job).text);
    const [toast] = useToasts.getState().toasts;
    expect(toast!.text(it_)).toBe('esxi-07: operazione completata.');
    expect(toast!.text(en)).toBe('esxi-07: done.');
  });

  it('keeps quiet about a read whose result the page that asked already shows, never about a failure or a run', () => {
    expect(toastsWhenDone({ kind: 'restore.plan', state: 'succeeded' })).toBe(false);
    expect(toastsWhenDone({ kind: 'setup.plan', state: 'succeeded' })).toBe(false);
    expect(toastsWhenDone({ kind: 'restore.plan', state: 'failed' })).toBe(true);
    expect(toastsWhenDone({ kind: 'restore.copies', state: 'cancelled' })).toBe(true);
    expect(toastsWhenDone({ kind: 'restore.run', state: 'succeeded' })).toBe(true);
    expect(toastsWhenDone({ kind: 'fleet.refresh', state: 'succeeded' })).toBe(true);
  });
});
