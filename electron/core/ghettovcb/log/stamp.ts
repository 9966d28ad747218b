/**
 * A ghettoVCB log stamp, `YYYY-MM-DD HH:MM:SS`, as epoch ms. The stamp is the host's wall clock (UTC on ESXi) and is
 * read as UTC as it stands: moving it onto Custode's clock is the caller's business (the host's clock may be off).
 * null for no stamp or anything not exactly of that shape.
 */
export function stampMs(text: string | null): number | null {
  const m = text === null ? null : /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : null;
}
