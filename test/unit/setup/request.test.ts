import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors/app-error.ts';
import { checkRotation, parseClockTime, parseLifetime } from '../../../electron/core/setup/request.ts';

const code = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return isAppError(e) ? e.code : 'other';
  }
};

describe('setup request values', () => {
  it('reads HH:MM and refuses what is no time of day', () => {
    expect(parseClockTime('04:30')).toEqual({ hour: 4, minute: 30 });
    expect(parseClockTime('00:00')).toEqual({ hour: 0, minute: 0 });
    expect(parseClockTime('23:59')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['25:70', '24:00', '4:30', '04:3', '04:60', '0430', ' 04:30', '']) expect(code(() => parseClockTime(bad)), bad).toBe('setup.timeInvalid');
  });

  it('keeps 1 to 30 copies', () => {
    expect(checkRotation(3)).toBe(3);
    for (const bad of [0, 31, 2.5, NaN]) expect(code(() => checkRotation(bad))).toBe('setup.rotationInvalid');
  });

  it('reads a snapshot lifetime in days, weeks or months', () => {
    expect(parseLifetime('2w')).toEqual({ value: 2, unit: 'WEEK' });
    expect(parseLifetime('14d')).toEqual({ value: 14, unit: 'DAY' });
    expect(parseLifetime('3m')).toEqual({ value: 3, unit: 'MONTH' });
    for (const bad of ['0d', '2y', 'w', '1000d']) expect(code(() => parseLifetime(bad)), bad).toBe('setup.lifetimeInvalid');
  });
});
