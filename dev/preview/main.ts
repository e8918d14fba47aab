// `npm start`: the add-on on the in-memory Workspace, seeded with a demo school. State is kept in
// .preview/state.json so a second start continues; `npm start -- --fresh` starts over.
import path from 'node:path';
import fs from 'node:fs';
import { startPreview } from './server';

const fresh = process.argv.includes('--fresh');
const stateFile = path.resolve('.preview/state.json');
if (fresh) fs.rmSync(stateFile, { force: true });
const port = Number(process.env.PORT ?? 8080);
const preview = await startPreview({ port, stateFile });
console.log(
  `Partner Hub preview: ${preview.url}  (state in ${path.relative(process.cwd(), stateFile)}; Ctrl+C to stop)`,
);
