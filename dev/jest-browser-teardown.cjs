// Jest globalTeardown of the projects that drive Chromium (browser, scale, security): closes the
// Chromium dev/jest-browser.cjs started.
module.exports = async function browserTeardown() {
  const server = globalThis.phChromiumServer;
  globalThis.phChromiumServer = undefined;
  delete process.env.PH_CHROMIUM_WS;
  if (server) await server.close();
};
