// dev/deploy.mjs with clasp and npm stubbed (never Google): tests first, push, a numbered version, the
// Partner Hub deployment made once then moved to each new version, and a rollback that only moves it back.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = path.join(process.cwd(), 'test', 'house', 'deploy');

function setUp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-deploy-'));
  const project = path.join(dir, '.clasp.json');
  fs.writeFileSync(project, JSON.stringify({ scriptId: '1abcScriptId', rootDir: 'build' }));
  const log = path.join(dir, 'calls.log');
  const deploy = (args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(process.execPath, ['dev/deploy.mjs', '--project', project, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        CLASP: path.join(here, 'fake-clasp.mjs'),
        NPM: path.join(here, 'fake-npm.mjs'),
        FAKE_CLASP_LOG: log,
        FAKE_CLASP_STATE: path.join(dir, 'state.json'),
        ...env,
      },
    });
    return { status: result.status, out: result.stdout, err: result.stderr };
  };
  const calls = (): string[][] =>
    fs.existsSync(log)
      ? fs
          .readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as string[]).filter((a) => a !== project))
      : [];
  const clearLog = () => fs.rmSync(log, { force: true });
  return { deploy, calls, clearLog };
}

const version = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('npm run deploy', () => {
  it('runs the tests, pushes, makes a version and a deployment described by package version and commit', () => {
    const { deploy, calls } = setUp();
    const first = deploy([]);
    expect(first.err).toBe('');
    expect(first.status).toBe(0);
    const description = calls()[2][3];
    expect(description).toMatch(new RegExp(`^Partner Hub ${version.replace(/\./g, '\\.')} \\([0-9a-f]{4,}`));
    expect(calls()).toEqual([
      ['npm', 'test'],
      ['-P', 'push', '--force'],
      ['-P', '--json', 'create-version', description],
      ['-P', '--json', 'list-deployments'],
      ['-P', '--json', 'create-deployment', '-V', '1', '-d', description],
    ]);
    expect(first.out).toContain('deployment version 1');
  });

  it('moves the same deployment to each new version, and rolls it back without pushing', () => {
    const { deploy, calls, clearLog } = setUp();
    expect(deploy(['--skip-tests']).status).toBe(0);
    clearLog();
    const second = deploy(['--skip-tests']);
    expect(second.status).toBe(0);
    const description = calls()[2][3];
    expect(calls()).toEqual([
      ['npm', 'run', 'build'],
      ['-P', 'push', '--force'],
      ['-P', '--json', 'create-version', description],
      ['-P', '--json', 'list-deployments'],
      ['-P', '--json', 'update-deployment', 'AKfy1', '-V', '2', '-d', description],
    ]);
    expect(second.out).toContain('npm run deploy -- --rollback 1');
    clearLog();
    const back = deploy(['--rollback', '1']);
    expect(back.status).toBe(0);
    expect(calls()).toEqual([
      ['-P', '--json', 'list-deployments'],
      ['-P', 'update-deployment', 'AKfy1', '-V', '1', '-d', 'Partner Hub rollback to version 1'],
    ]);
    expect(back.out).toContain('now serves version 1 (it served 2)');
  });

  it('stops at the first failure: failing tests push nothing, a failed push makes no version', () => {
    const { deploy, calls, clearLog } = setUp();
    const failed = deploy([], { FAKE_NPM_EXIT: '1' });
    expect(failed.status).toBe(1);
    expect(failed.err).toContain('npm test failed');
    expect(calls()).toEqual([['npm', 'test']]);
    clearLog();
    const refused = deploy(['--skip-tests'], { FAKE_CLASP_FAIL: 'push' });
    expect(refused.status).toBe(1);
    expect(calls().map((c) => c.filter((a) => a !== '-P')[0])).toEqual(['npm', 'push']);
  });

  it('refuses a bad rollback version, a rollback before any deploy, and a project without a script id', () => {
    const { deploy, calls } = setUp();
    expect(deploy(['--rollback', 'latest']).err).toContain('--rollback needs a version number');
    expect(deploy(['--rollback', '3']).err).toContain('no Partner Hub deployment to roll back yet');
    const placeholder = spawnSync(process.execPath, ['dev/deploy.mjs', '--skip-tests'], {
      encoding: 'utf8',
      env: { ...process.env, CLASP: path.join(here, 'fake-clasp.mjs'), NPM: path.join(here, 'fake-npm.mjs') },
    });
    expect(placeholder.status).toBe(1);
    expect(placeholder.stderr).toContain('Script ID');
    expect(calls()).toEqual([['-P', '--json', 'list-deployments']]);
  });

  it('push:dev pushes to the development project only, and says how to make its file', () => {
    const { deploy, calls } = setUp();
    expect(deploy(['--push-only']).status).toBe(0);
    expect(calls()).toEqual([
      ['npm', 'run', 'build'],
      ['-P', 'push', '--force'],
    ]);
    const missing = spawnSync(
      process.execPath,
      ['dev/deploy.mjs', '--project', 'no-such.json', '--push-only'],
      {
        encoding: 'utf8',
      },
    );
    expect(missing.stderr).toContain('no clasp project file at no-such.json');
  });
});
