// Builds build/: the server bundle (webpack + esbuild-loader + gas-webpack-plugin), one self-contained
// HTML file per sidebar (esbuild, everything inlined), and the manifest. `clasp push` deploys build/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';
import GasPlugin from 'gas-webpack-plugin';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--smoke` builds the add-on plus the smoke test (src/smoke) into build-smoke/, for a scratch project
// (.clasp-smoke.json). PH_BUILD_DIR builds elsewhere (tests of a second working copy); clasp pushes build/.
const smoke = process.argv.includes('--smoke');
const out = path.resolve(root, process.env.PH_BUILD_DIR ?? (smoke ? 'build-smoke' : 'build'));
const entry = smoke ? './src/smoke/index.ts' : './src/server/index.ts';

/** Sidebars: one folder each under src/client, with main.ts and style.css (after the common one), in the common page. */
const SIDEBARS = [
  { name: 'SheetsSidebar', dir: 'src/client/sheets', title: 'Partner Hub' },
  { name: 'DocsSidebar', dir: 'src/client/docs', title: 'Partner Hub agenda' },
];

function buildServer() {
  const config = {
    mode: 'production',
    context: root,
    entry,
    output: { path: out, filename: 'Code.js' },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { target: 'es2019' } }] },
    // gas-webpack-plugin needs the entry's exports kept; see docs/DESIGN.md, "The build".
    optimization: { concatenateModules: false, usedExports: false, minimize: process.env.MINIFY !== '0' },
    devtool: false,
    performance: { hints: false },
    plugins: [
      new GasPlugin({
        autoGlobalExportsFiles: ['**/src/server/index.ts', ...(smoke ? ['**/src/smoke/smoke.ts'] : [])],
      }),
    ],
  };
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

async function buildSidebar({ name, dir, title }) {
  const result = await esbuild.build({
    entryPoints: [path.join(root, dir, 'main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    legalComments: 'none',
  });
  const js = result.outputFiles[0].text;
  const styles = ['src/client/common/style.css', path.join(dir, 'style.css')].map((f) =>
    fs.readFileSync(path.join(root, f), 'utf8'),
  );
  const css = await esbuild.transform(styles.join('\n'), {
    loader: 'css',
    minify: true,
  });
  // The page is an HtmlService template: our inlined code must not contain scriptlet markers or
  // a closing script tag.
  for (const [what, text] of [
    ['script', js],
    ['style', css.code],
  ]) {
    if (/<\?|\?>|<\/script/i.test(text))
      throw new Error(`${name}: inlined ${what} contains "<?", "?>" or "</script"`);
  }
  const html = fs
    .readFileSync(path.join(root, 'src/client/common/page.html'), 'utf8')
    .replace('<!--TITLE-->', title)
    .replace('<!--STYLE-->', () => `<style>${css.code}</style>`)
    .replace('<!--SCRIPT-->', () => `<script>${js}</script>`);
  fs.writeFileSync(path.join(out, `${name}.html`), html);
}

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(path.join(root, 'appsscript.json'), path.join(out, 'appsscript.json'));
await Promise.all([buildServer(), ...SIDEBARS.map(buildSidebar)]);
console.log(
  `built ${path.relative(process.cwd(), out) || '.'}: Code.js, ${SIDEBARS.map((s) => s.name + '.html').join(', ')}`,
);
if (smoke && !process.env.PH_BUILD_DIR) {
  console.log(
    'The smoke test: put the script id of a project bound to a scratch spreadsheet in .clasp-smoke.json, then\n' +
      '  npx clasp -P .clasp-smoke.json push\nand run runSmokeTest once from its editor (README: "Smoke test on a real account").',
  );
}
