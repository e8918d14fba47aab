// No import cycles in dev/ and test/, type-only imports included: a module's dependencies can be read
// (and a module loaded) in one order, from the data model up. Shared interfaces go in a lower module
// (dev/workspace/model.ts for the spreadsheet fakes, env.ts for what every fake shares) rather than a
// type import back up. The scan reads every relative `import`/`export … from` with the TypeScript parser.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Each file's relative imports, resolved to the files they name. */
function importGraph(paths: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of paths) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const targets: string[] = [];
    for (const st of sf.statements) {
      const spec = (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), spec.text);
      const found = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
      if (found) targets.push(found);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The strongly connected components of more than one file, or of a file importing itself (Tarjan). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

test('the scan finds a cycle, type-only or not, and nothing in a chain', () => {
  const g = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['a']],
  ]);
  expect(cycles(g)).toEqual([['a', 'b', 'c']]);
  expect(cycles(new Map([['a', ['a']]]))).toEqual([['a']]);
  expect(
    cycles(
      new Map([
        ['a', ['b']],
        ['b', []],
      ]),
    ),
  ).toEqual([]);
  const graph = importGraph([path.join(ROOT, 'dev/workspace/sheet.ts')]);
  expect(graph.get(path.join(ROOT, 'dev/workspace/sheet.ts'))).toContain(
    path.join(ROOT, 'dev/workspace/model.ts'),
  );
});

test('dev/ and test/ have no import cycles', () => {
  const all = [...files(path.join(ROOT, 'dev')), ...files(path.join(ROOT, 'test'))];
  expect(all.length).toBeGreaterThan(50);
  const found = cycles(importGraph(all)).map((c) => c.map((f) => path.relative(ROOT, f)).join(' → '));
  expect(found).toEqual([]);
});
