import { create } from 'zustand';
import type { OperationPlan, OperationResult } from '../../../shared/model/operation.ts';
import type { DryRunView } from './DryRunStep.tsx';
import { initialChoices, type SetupChoices, type WizardPage } from './wizard-pages.ts';

/** "Set up" a bare host, "Edit setup" an adopted one: the same pages, other words. */
export type SetupMode = 'setup' | 'edit';

export interface SetupDraft {
  mode: SetupMode;
  page: WizardPage;
  choices: SetupChoices;
  /** The plan this wizard ran and how it went, for the summary's commands and undo. */
  applied: { plan: OperationPlan; result: OperationResult | null } | null;
  dryRun: DryRunView | null;
}

interface SetupDraftsState {
  /** The host whose wizard is open in the Fleet section, if any. */
  open: string | null;
  drafts: Record<string, SetupDraft>;
  start(hostId: string, mode: SetupMode, nasId: string): void;
  close(): void;
  save(hostId: string, patch: Partial<SetupDraft>): void;
}

/**
 * Where each host's wizard stopped and what was chosen on its pages, for this session: leaving the page (or the
 * section) and coming back continues there. What is done is never kept here: core reads both machines again on
 * every plan, so a page already done shows as such whatever this remembers.
 */
export const useSetupDrafts = create<SetupDraftsState>()((set, get) => ({
  open: null,
  drafts: {},
  start(hostId, mode, nasId) {
    const kept = get().drafts[hostId];
    const draft = kept && kept.mode === mode ? kept : { mode, page: 'host' as const, choices: initialChoices(nasId), applied: null, dryRun: null };
    set({ open: hostId, drafts: { ...get().drafts, [hostId]: draft } });
  },
  close() {
    set({ open: null });
  },
  save(hostId, patch) {
    const draft = get().drafts[hostId];
    if (draft) set({ drafts: { ...get().drafts, [hostId]: { ...draft, ...patch } } });
  },
}));
