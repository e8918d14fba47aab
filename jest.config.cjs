// One project per folder of test/, so that a lane is a list of names:
//   npm test            every project (what CI runs)
//   npm run test:fast   unit, integration, browser (each view once): everyday work, under a minute
//   npm run test:slow   sidebar, walkthrough, house, scale, smoke, hardening, faults, security: the
//                       sidebars in depth, the preview page walked through and the documents at page
//                       width, the repo's own rules and deploy script, hundreds to thousands of rows, the
//                       smoke bundle, fuzzing, a fault at every call, hostile input
// One folder alone: `npx jest --selectProjects hardening`; one file: `npx jest test/unit/args.test.ts`.
// Each run first builds the add-on into a folder of its own under build-test/ (dev/jest-build.cjs), or
// reuses the one an earlier run built from the same sources.
const FAST = ['unit', 'integration', 'browser'];
const SLOW = ['sidebar', 'walkthrough', 'house', 'scale', 'smoke', 'hardening', 'faults', 'security'];
/** Projects that drive Chromium: one for the whole run (dev/jest-browser.cjs). */
const CHROMIUM = ['browser', 'sidebar', 'walkthrough', 'scale', 'security'];

/** @type {(name: string) => import('jest').Config} */
const lane = (name) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/dev/jest-transform.cjs' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFilesAfterEnv: ['<rootDir>/dev/jest-gc.cjs'],
  ...(name === 'smoke'
    ? { globalSetup: '<rootDir>/dev/jest-build-smoke.cjs' }
    : CHROMIUM.includes(name)
      ? {
          globalSetup: '<rootDir>/dev/jest-browser.cjs',
          globalTeardown: '<rootDir>/dev/jest-browser-teardown.cjs',
        }
      : { globalSetup: '<rootDir>/dev/jest-build.cjs' }),
});

// Workers inherit NODE_OPTIONS. --expose-gc lets dev/jest-gc.cjs collect each file's garbage when it
// ends; the 2 GB cap bounds what one file can hold (uncapped, the fault suite's worker passed 3 GB).
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--expose-gc', '--max-old-space-size=2048']
  .filter(Boolean)
  .join(' ');

/** @type {import('jest').Config} */
module.exports = {
  projects: [...FAST, ...SLOW].map(lane),
  maxWorkers: 2,
  // No workerIdleMemoryLimit: a worker over it when the run ends is restarted while jest shuts the pool
  // down, and the new one is force-exited ("A worker process has failed to exit gracefully").
  testTimeout: 30000,
};
