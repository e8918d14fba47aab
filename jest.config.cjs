// One project per folder of test/, so that a lane is a list of names:
//   npm test            every project (what CI runs)
//   npm run test:fast   unit, integration, smoke, browser: everyday work
//   npm run test:slow   hardening, faults, security: fuzzing, a fault at every call, hostile input
// One folder alone: `npx jest --selectProjects hardening`; one file: `npx jest test/unit/args.test.ts`.
const FAST = ['unit', 'integration', 'smoke', 'browser'];
const SLOW = ['hardening', 'faults', 'security'];

/** @type {(name: string) => import('jest').Config} */
const lane = (name) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/dev/jest-transform.cjs' },
  moduleFileExtensions: ['ts', 'js', 'json'],
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [...FAST, ...SLOW].map(lane),
  maxWorkers: 2,
  testTimeout: 30000,
};
