import { expect, type Locator, type Page } from '@playwright/test';
import { messages as opsWords } from '../../../shared/i18n/operations.ts';
import type { Lang } from './custode-app.ts';

/**
 * The review every change goes through: a plan of `kind`, a required reason (Run stays disabled without one),
 * and for a dangerous plan the second confirmation naming `object`; then the result, closed.
 */
export class PlanReviewDialog {
  readonly page: Page;
  readonly lang: Lang;
  readonly root: Locator;
  constructor(page: Page, lang: Lang) {
    this.page = page;
    this.lang = lang;
    this.root = page.getByTestId('plan-review');
  }

  #words(key: keyof (typeof opsWords)['en']): string {
    return opsWords[this.lang][key];
  }

  runButton(): Locator {
    return this.page.getByRole('button', { name: this.#words('operations.review.run'), exact: true });
  }

  async expectKind(kind: string): Promise<void> {
    await expect(this.root).toHaveAttribute('data-kind', kind);
    await expect(this.root).toHaveAttribute('data-phase', 'review');
  }

  /** Gives the reason and runs; `object` is the name a dangerous plan must be confirmed by (null: not dangerous). */
  async run(reason: string, object: string | null, shot?: (name: string) => Promise<unknown>): Promise<void> {
    await expect(this.runButton()).toBeDisabled();
    await this.root.locator('textarea[name="reason"]').fill(reason);
    await shot?.('review');
    await this.runButton().click();
    if (object !== null) {
      await expect(this.root).toHaveAttribute('data-phase', 'confirm');
      await expect(this.root).toContainText(object);
      await shot?.('confirm');
      await this.page.getByTestId('confirm-danger').click();
    }
    await expect(this.root).toHaveAttribute('data-phase', 'result', { timeout: 30_000 });
    await expect(this.root.getByTestId('operation-result')).toHaveAttribute('data-outcome', 'succeeded');
    await shot?.('result');
    await this.page.getByRole('button', { name: this.#words('operations.result.close') }).click();
    await expect(this.root).toBeHidden();
  }
}
