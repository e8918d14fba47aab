// Jest globalSetup of the smoke project: the add-on plus the smoke test (src/smoke), built as
// dev/jest-build.cjs builds the add-on, into a folder of its own (PH_SMOKE_DIR, read by test/smoke).
const { prepare } = require('./jest-build.cjs');

module.exports = async function setup() {
  process.env.PH_SCRIPT_LOG ??= '0';
  process.env.PH_SMOKE_DIR ??= prepare({ smoke: true });
};
