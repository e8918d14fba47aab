// Jest globalSetup of the projects that drive Chromium (browser, scale, security): the tests' build
// (dev/jest-build.cjs), and one headless Chromium for the whole run, which every test file's
// launch() (test/browser/browser.ts) connects to through PH_CHROMIUM_WS instead of starting its own.
// dev/jest-browser-teardown.cjs closes it. Chromium missing: nothing starts here, and launch() says
// how to install it.
const fs = require('node:fs');
const setup = require('./jest-build.cjs');
const options = require('./chromium.json');

module.exports = async function browserSetup() {
  await setup();
  const executablePath = process.env.CHROMIUM_PATH ?? options.executablePath;
  if (process.env.PH_CHROMIUM_WS || !fs.existsSync(executablePath)) return;
  const { chromium } = require('playwright-core');
  const server = await chromium.launchServer({ executablePath, args: options.args });
  // globalSetup and globalTeardown share the parent process's globalThis.
  globalThis.phChromiumServer = server;
  process.env.PH_CHROMIUM_WS = server.wsEndpoint();
};
