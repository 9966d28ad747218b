import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { SetupPlanView } from '../../../shared/model/setup.ts';
import type { PageState, SetupChoices } from './wizard-pages.ts';

/** What every form page of the wizard gets: the plan as read, its state, a refusal of its own, the choices. */
export interface FormPageProps {
  view: SetupPlanView | null;
  state: PageState;
  refusal: ErrorData | null;
  choices: SetupChoices;
  onChange(patch: Partial<SetupChoices>): void;
}
