// The lab's TypeScript API for vitest setups, Playwright fixtures and benches.
export { attachLab, DEFAULT_PASSWORD, startLab } from './lab.ts';
export type { Lab, LabHost, StartLabOptions } from './lab.ts';
export type { CronRun } from './cron.ts';
export type { ClockAdvance, FiredJob } from './clock.ts';
export { FAULTS } from './faults.ts';
export type { FaultName } from './faults.ts';
export { teardownLab } from './cleanup.ts';
export { labCpuSeconds } from './lab-cpu.ts';
