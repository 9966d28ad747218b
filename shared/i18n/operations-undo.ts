/** A step whose planned undo is empty: it leaves nothing behind (a folder made, a test file written and removed). */
export const messages = {
  en: {
    'operations.review.undoNothing': 'Nothing to undo: it leaves nothing behind.',
  },
  it: {
    'operations.review.undoNothing': 'Niente da annullare: non lascia niente dietro di sé.',
  },
} as const;
