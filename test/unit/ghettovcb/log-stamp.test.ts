import { describe, expect, it } from 'vitest';
import { stampMs } from '../../../electron/core/ghettovcb/log/stamp.ts';

describe('a ghettoVCB log stamp as a time', () => {
  it('reads the host wall clock as UTC, to the second', () => {
    expect(stampMs('2026-12-07 04:30:00')).toBe(Date.UTC(2026, 11, 7, 4, 30));
    expect(stampMs('2026-12-07 04:30:59')).toBe(Date.UTC(2026, 11, 7, 4, 30, 59));
    expect(stampMs('2025-01-01 00:00:00')).toBe(Date.UTC(2025, 0, 1));
    // One second before midnight on New Year's Eve, 2025: 1,767,225,599 seconds after the epoch.
    expect(stampMs('2025-12-31 23:59:59')).toBe(1_767_225_599_000);
  });

  it('gives null for no stamp and for anything not exactly of its shape', () => {
    expect(stampMs(null)).toBeNull();
    for (const text of ['', '2026-12-07T04:30:00', '2026-12-07 04:30', '2026-12-7 04:30:00', ' 2026-12-07 04:30:00', '2026-12-07 04:30:00 -- info: x', 'yesterday at 04:30']) {
      expect(stampMs(text), text).toBeNull();
    }
  });
});
