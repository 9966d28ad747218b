import { describe, expect, it } from 'vitest';
import { hostClock, hostClockCommand, parseHostClock } from '../../../electron/core/esxi/host-clock.ts';
import { clockCorrection, clockOffWords } from '../../../shared/model/host-clock.ts';

describe('the host’s clock', () => {
  it('is read with busybox date as epoch seconds', () => {
    expect(hostClockCommand().text).toBe('date +%s');
    // 1796617800 s is 2026-12-07T04:30:00Z.
    expect(parseHostClock('1796617800\n')).toBe(Date.parse('2026-12-07T04:30:00Z'));
    expect(() => parseHostClock('Mon Dec  7 04:30:00 UTC 2026\n')).toThrow(expect.objectContaining({ code: 'esxi.unexpectedOutput' }) as Error);
    expect(() => parseHostClock('')).toThrow();
  });

  it('is compared with the middle of Custode’s clock around the batch, give or take half of it and half a second', () => {
    // The batch left at 06:30:00.000 and came back at 06:30:02.000 (Custode); the host said 04:30:01, i.e. somewhere
    // in 04:30:01.000–04:30:01.999: its middle, 04:30:01.500, against 06:30:01.000 is 2 h less 0.5 s behind.
    const sent = Date.parse('2026-12-07T06:30:00Z');
    expect(hostClock(Date.parse('2026-12-07T04:30:01Z'), sent, sent + 2000)).toEqual({ offsetMs: -(2 * 3_600_000 - 500), precisionMs: 1500 });
    // A host 3 min ahead, read in a 40 ms batch.
    expect(hostClock(Date.parse('2026-12-07T06:33:00Z'), sent, sent + 40)).toEqual({ offsetMs: 180_000 + 480, precisionMs: 520 });
  });

  it('is worth a word only beyond 2 minutes off, in whole minutes either way', () => {
    expect(clockOffWords(null)).toBeNull();
    expect(clockOffWords(undefined)).toBeNull();
    expect(clockOffWords(119_000)).toBeNull();
    expect(clockOffWords(-120_000)).toBeNull();
    expect(clockOffWords(-2 * 3_600_000 + 500)).toEqual({ key: 'fleet.host.clockBehind', params: { minutes: 120 } });
    expect(clockOffWords(180_480)).toEqual({ key: 'fleet.host.clockAhead', params: { minutes: 3 } });
    // The same line for the times: corrected beyond it, to the minute; taken as they are within it.
    expect([clockCorrection(null), clockCorrection(-120_000), clockCorrection(119_000), clockCorrection(-120_001), clockCorrection(180_480)]).toEqual([0, 0, 0, -120_000, 180_000]);
    expect(clockCorrection(-2 * 3_600_000 + 500)).toBe(-2 * 3_600_000);
    expect(clockCorrection(2 * 3_600_000 + 31_000)).toBe(2 * 3_600_000 + 60_000);
  });
});
