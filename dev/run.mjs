// Runs a TypeScript file under dev/ with Node: bundles it with esbuild (packages stay external).
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node dev/run.mjs FILE.ts [args]');
  process.exit(2);
}
const outDir = path.resolve('node_modules/.cache/partner-hub');
fs.mkdirSync(outDir, { recursive: true });
const outfile = path.join(outDir, path.basename(entry).replace(/\.ts$/, '') + '.mjs');
await esbuild.build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  outfile,
});
process.argv = [process.argv[0], outfile, ...rest];
await import(pathToFileURL(outfile).href);
