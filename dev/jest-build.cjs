// Jest globalSetup: the tests' own build of the add-on, so that `npm run build` or `npm start` during a
// run (both rewrite build/) cannot break it. It goes to build-test/<hash of what it is built from>/:
// src/, the manifest, the build script, the lockfile, and MINIFY (`npm run test:fast` builds
// unminified, which builds in a third of the time; `npm test` the minified bundle that deploys). A run
// whose sources were built before reuses that folder; a new one is built beside it and moved into place
// when complete, so two runs never read a half-written folder. The few most recent folders are kept.
// The folder is handed to the test workers in PH_BUILD_DIR (dev/gas.ts), the smoke build's in
// PH_SMOKE_DIR (test/smoke). Set PH_BUILD_DIR yourself to test a folder you built (no build then).
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'build-test');
const INPUTS = ['appsscript.json', 'dev/build.mjs', 'package-lock.json', 'tsconfig.json'];
const KEEP = 6;

function files(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** A short hash of everything the build reads, and of how it is asked to build. */
function inputsHash(smoke) {
  const hash = crypto.createHash('sha256');
  hash.update(`smoke=${smoke} minify=${process.env.MINIFY ?? ''}\n`);
  for (const file of [...files(path.join(ROOT, 'src')), ...INPUTS.map((f) => path.join(ROOT, f))]) {
    hash.update(`${path.relative(ROOT, file)}\n`);
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Removes all but the KEEP most recently used builds (and builds left half-made by a stopped run). */
function prune() {
  const entries = fs
    .readdirSync(OUT, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ dir: path.join(OUT, e.name), at: fs.statSync(path.join(OUT, e.name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  const old = entries.filter(
    (e, i) => i >= KEEP || (e.dir.includes('.tmp-') && Date.now() - e.at > 3_600_000),
  );
  for (const { dir } of old) fs.rmSync(dir, { recursive: true, force: true });
}

/** The folder holding the build of the current sources, built now if no earlier run built them. */
function prepare({ smoke }) {
  const dir = path.join(OUT, `${smoke ? 'smoke-' : ''}${inputsHash(smoke)}`);
  if (fs.existsSync(dir)) {
    const now = new Date();
    fs.utimesSync(dir, now, now);
    return dir;
  }
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  const started = Date.now();
  execFileSync(process.execPath, [path.join(ROOT, 'dev/build.mjs'), ...(smoke ? ['--smoke'] : [])], {
    cwd: ROOT,
    env: { ...process.env, PH_BUILD_DIR: tmp },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    fs.renameSync(tmp, dir);
  } catch (error) {
    // Another run built the same sources first: theirs is the same build.
    if (!fs.existsSync(dir)) throw error;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  prune();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(`\nbuilt ${path.relative(ROOT, dir)} for the tests in ${seconds} s\n`);
  return dir;
}

/** The main build (PH_BUILD_DIR); the add-on's console stays quiet unless PH_SCRIPT_LOG=1. */
async function setup() {
  process.env.PH_SCRIPT_LOG ??= '0';
  process.env.PH_BUILD_DIR ??= prepare({ smoke: false });
}

module.exports = setup;
module.exports.prepare = prepare;
