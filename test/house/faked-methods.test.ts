// "Fake only what src/ calls" (dev/workspace/README.md): every method the in-memory Workspace fakes
// must be called somewhere in src/ or in the dev tools that drive it (dev/preview, dev/bench, dev/*.ts).
// The scan is by name: a property access `.name` (or `['name']`) anywhere in that code keeps every fake
// of that name, whatever the receiver's type (Paragraph.getText and Table.getText alike), so it never
// fails for a method that is called, and fails when a fake is added, or left behind, that nothing
// calls. Tests do not count: they reach the fakes only through what src uses, plus the workspace's own
// controls (inspect, clock, fault injection, dev/workspace/by-hand.ts).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { recordedCalls } from '../unit/workspace/recorded-calls';

const ROOT = path.resolve(__dirname, '../..');

function files(dir: string, skip: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return full === skip ? [] : files(full, skip);
    return /\.(ts|mjs|js)$/.test(e.name) ? [full] : [];
  });
}

/** Property names read anywhere in the files: `x.name`, `x?.name`, `x['name']`. */
function calledNames(paths: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const file of paths) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) names.add(node.name.text);
      else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression))
        names.add(node.argumentExpression.text);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return names;
}

/** '<service>.<key>' of every faked method whose name the code never reads. */
function uncalled(keys: readonly string[], names: ReadonlySet<string>): string[] {
  return keys.filter((k) => !names.has(k.slice(k.lastIndexOf('.') + 1)));
}

const code = [
  ...files(path.join(ROOT, 'src'), ''),
  ...files(path.join(ROOT, 'dev'), path.join(ROOT, 'dev/workspace')),
];
const names = calledNames(code);
const keys = [
  ...new Set(recordedCalls(path.join(ROOT, 'dev/workspace')).map((c) => `${c.service}.${c.key}`)),
].sort();

test('the scan sees the code: the add-on and the dev tools, not the fakes themselves', () => {
  expect(code.some((f) => f.endsWith(path.join('src', 'server', 'index.ts')))).toBe(true);
  expect(code.some((f) => f.includes(`${path.sep}dev${path.sep}preview${path.sep}`))).toBe(true);
  expect(code.some((f) => f.includes(`${path.sep}dev${path.sep}workspace${path.sep}`))).toBe(false);
  for (const name of ['getValues', 'setValues', 'showSidebar', 'sendEmail', 'insert'])
    expect(names).toContain(name);
  // A name nothing calls is reported.
  expect(
    uncalled(['SpreadsheetApp.Range.getValues', 'SpreadsheetApp.Range.neverCalledAnywhere'], names),
  ).toEqual(['SpreadsheetApp.Range.neverCalledAnywhere']);
});

test('every faked Apps Script method is called by src/ or dev/', () => {
  expect(keys.length).toBeGreaterThan(100);
  expect(uncalled(keys, names)).toEqual([]);
});
