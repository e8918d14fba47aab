// `npm run deploy`: the tests, then `clasp push`, then a numbered version and the add-on's deployment
// pointed at it, so the Marketplace SDK's "deployment version" can name a fixed version.
//   npm run deploy                        test, push, version, deploy
//   npm run deploy -- --rollback 7        point the deployment back at version 7 (no push, no tests)
//   npm run deploy -- --project F         another clasp project file (default .clasp.json)
//   npm run deploy -- --skip-tests        build instead of npm test (for the test of this script)
//   npm run push:dev                      build and push to the development project (.clasp-dev.json), no version
// clasp is run as $CLASP (default node_modules/.bin/clasp) and npm as $NPM, so tests can stub both.
// The deployment is the one whose description starts with "Partner Hub "; the first deploy makes it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLASP = process.env.CLASP ?? path.join(root, 'node_modules', '.bin', 'clasp');
const NPM = process.env.NPM ?? 'npm';
const PREFIX = 'Partner Hub ';

function fail(message) {
  console.error(`deploy: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const options = { skipTests: false, pushOnly: false, rollback: undefined, project: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--skip-tests') options.skipTests = true;
    else if (arg === '--rollback') options.rollback = argv[++i];
    else if (arg === '--project') options.project = argv[++i];
    else if (arg === '--push-only') options.pushOnly = true;
    else
      fail(
        `unknown option "${arg}". Use --rollback <version>, --project <file>, --push-only or --skip-tests.`,
      );
  }
  if (options.rollback !== undefined && !/^[1-9]\d*$/.test(options.rollback ?? '')) {
    fail(
      `--rollback needs a version number (1, 2, …), not "${options.rollback ?? ''}". See them with: npx clasp list-versions`,
    );
  }
  return options;
}

function run(command, args, { capture = false, name = path.basename(command) } = {}) {
  const shown = [name, ...args].join(' ');
  if (!capture) console.log(`> ${shown}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.error) fail(`could not run ${shown}: ${result.error.message}`);
  if (result.status !== 0) fail(`${shown} failed (exit ${result.status}). Nothing after it was done.`);
  return result.stdout ?? '';
}

function clasp(options, args, capture = false) {
  const project = options.project ? ['-P', options.project] : [];
  return run(CLASP, [...project, ...args], { capture, name: 'clasp' });
}

function claspJson(options, args) {
  const out = clasp(options, ['--json', ...args], true);
  try {
    return JSON.parse(out);
  } catch {
    return fail(`clasp ${args[0]} printed something other than JSON:\n${out}`);
  }
}

function gitCommit() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  if (head.status !== 0) return 'no commit';
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: root,
    encoding: 'utf8',
  });
  return head.stdout.trim() + (dirty.stdout.trim() ? ' with uncommitted changes' : '');
}

function ourDeployment(options) {
  const list = claspJson(options, ['list-deployments']);
  if (!Array.isArray(list)) fail('clasp list-deployments did not give a list.');
  return list.find((d) => typeof d.description === 'string' && d.description.startsWith(PREFIX));
}

function projectFile(options) {
  const file = path.resolve(root, options.project ?? '.clasp.json');
  if (!fs.existsSync(file)) {
    fail(
      `no clasp project file at ${path.relative(root, file)}: copy .clasp.json there and put your project's Script ID in it.`,
    );
  }
  const project = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!project.scriptId || /REPLACE/.test(project.scriptId)) {
    fail(
      `put your Apps Script project's id in ${path.relative(root, file)} ("scriptId"): Apps Script editor > Project settings > Script ID.`,
    );
  }
}

const options = parseArgs(process.argv.slice(2));
projectFile(options);

if (options.rollback !== undefined) {
  const version = Number(options.rollback);
  const deployment = ourDeployment(options);
  if (!deployment) fail('there is no Partner Hub deployment to roll back yet: run npm run deploy first.');
  const description = `${PREFIX}rollback to version ${version}`;
  clasp(options, ['update-deployment', deployment.deploymentId, '-V', String(version), '-d', description]);
  console.log(
    `Deployment ${deployment.deploymentId} now serves version ${version} (it served ${deployment.versionNumber ?? 'HEAD'}).\n` +
      `In the Google Workspace Marketplace SDK's App configuration, set the deployment version to ${version} too, and save.`,
  );
  process.exit(0);
}

if (options.pushOnly) {
  run(NPM, ['run', 'build'], { name: 'npm' });
  clasp(options, ['push', '--force']);
  console.log('Pushed (no version, no deployment): reload the test spreadsheet to try it.');
  process.exit(0);
}

// npm test builds build/ first; with --skip-tests it is built alone.
if (!options.skipTests) run(NPM, ['test'], { name: 'npm' });
else run(NPM, ['run', 'build'], { name: 'npm' });
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const description = `${PREFIX}${pkg.version} (${gitCommit()})`;
clasp(options, ['push', '--force']);
const created = claspJson(options, ['create-version', description]);
const version = Number(created.versionNumber);
if (!Number.isInteger(version) || version < 1)
  fail(`clasp create-version gave no version number: ${JSON.stringify(created)}`);
const existing = ourDeployment(options);
const deployed = existing
  ? claspJson(options, ['update-deployment', existing.deploymentId, '-V', String(version), '-d', description])
  : claspJson(options, ['create-deployment', '-V', String(version), '-d', description]);
console.log(
  `Version ${version} (${description}) is deployed as ${deployed.deploymentId ?? existing?.deploymentId}.\n` +
    `Marketplace SDK > App configuration > Editor add-on: deployment version ${version}.\n` +
    `To go back: npm run deploy -- --rollback ${existing?.versionNumber ?? '<an earlier version>'}`,
);
