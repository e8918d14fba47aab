// Jest setupFilesAfterEnv of every project: a full garbage collection when each test file ends, so that
// a worker carries no garbage from one file into the next, and ends the run small. A worker is asked to
// exit when the run ends and is killed if it has not within half a second ("A worker process has failed
// to exit gracefully"); one holding a heap of 1-3 GB of dead add-ons (the fault and fuzz suites make
// thousands) often had not. `gc` is Node's, exposed by --expose-gc (jest.config.cjs), reached through a
// new context because the test file's own global does not carry it.
/* global afterAll */
const vm = require('node:vm');

const gc = vm.runInNewContext('typeof gc === "function" ? gc : undefined');

afterAll(() => {
  if (gc) gc();
});
