#!/usr/bin/env node
// A stand-in for clasp 3: records its arguments (one JSON line each in $FAKE_CLASP_LOG), keeps versions and
// deployments in $FAKE_CLASP_STATE, and prints what the real one prints (its --json shapes). Never
// reaches Google.
import fs from 'node:fs';

const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_CLASP_LOG, JSON.stringify(args) + '\n');
const stateFile = process.env.FAKE_CLASP_STATE;
const state = fs.existsSync(stateFile)
  ? JSON.parse(fs.readFileSync(stateFile, 'utf8'))
  : { versions: 0, deployments: [{ deploymentId: 'AKfyHEAD', description: '' }] };
const save = () => fs.writeFileSync(stateFile, JSON.stringify(state));

const rest = args.filter((a, i) => a !== '--json' && args[i - 1] !== '-P' && a !== '-P');
const json = args.includes('--json');
const option = (flag) => (rest.includes(flag) ? rest[rest.indexOf(flag) + 1] : undefined);
const [command] = rest;

if (process.env.FAKE_CLASP_FAIL === command) {
  console.error(`Error: ${command} refused (fake).`);
  process.exit(1);
}
switch (command) {
  case 'push':
    console.log('Pushed 4 files at 10:00:00.\n└─ build/Code.js');
    break;
  case 'create-version': {
    state.versions++;
    save();
    console.log(
      json ? JSON.stringify({ versionNumber: state.versions }, null, 2) : `Created version ${state.versions}`,
    );
    break;
  }
  case 'list-deployments':
    console.log(JSON.stringify(state.deployments, null, 2));
    break;
  case 'create-deployment':
  case 'update-deployment': {
    const id = command === 'update-deployment' ? rest[1] : `AKfy${state.deployments.length}`;
    const versionNumber = Number(option('-V'));
    const description = option('-d') ?? '';
    const existing = state.deployments.find((d) => d.deploymentId === id);
    if (existing) Object.assign(existing, { versionNumber, description });
    else state.deployments.push({ deploymentId: id, versionNumber, description });
    save();
    console.log(
      json
        ? JSON.stringify({ deploymentId: id, versionNumber, description }, null, 2)
        : `Deployed ${id} @${versionNumber}`,
    );
    break;
  }
  default:
    console.error(`fake clasp: unknown command ${command}`);
    process.exit(2);
}
