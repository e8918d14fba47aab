// Every key the in-memory Workspace can hand to CallLog.record, found by reading dev/workspace/*.ts with
// the TypeScript parser: `this.rec('x')` in a class (and in helpers such as `live(method)` that forward
// their argument to rec), keyed by the service and type name the class passes up to Counted's
// constructor; and direct `….calls.record('Service', 'Type.method')` calls. The scan is strict: a name it
// cannot resolve to string literals is an error, so a new recording pattern gets taught here rather than
// silently skipped.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

type Value = string | null;

interface ClassInfo {
  name: string;
  file: string;
  node: ts.ClassDeclaration;
  base: string | null;
  ctor: ts.ConstructorDeclaration | undefined;
}

interface Site {
  /** The class whose body holds the call (null outside any class). */
  owner: ClassInfo | null;
  call: ts.CallExpression | ts.NewExpression;
}

export interface RecordedCall {
  service: string;
  key: string;
  /** Where it was found, for failure messages. */
  where: string;
}

function lit(node: ts.Expression | undefined): Value | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteralLike(node)) return node.text;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  return undefined;
}

function memberName(name: ts.PropertyName | ts.MemberName): string {
  return ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) ? name.text : '';
}

export function recordedCalls(dir: string): RecordedCall[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => {
      const full = path.join(dir, f);
      return ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
    });

  const classes: ClassInfo[] = [];
  const sites: Site[] = [];
  for (const sf of files) {
    const visit = (node: ts.Node, owner: ClassInfo | null): void => {
      let inner = owner;
      if (ts.isClassDeclaration(node) && node.name) {
        const ext = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
        inner = {
          name: node.name.text,
          file: sf.fileName,
          node,
          base: ext && ts.isIdentifier(ext.expression) ? ext.expression.text : null,
          ctor: node.members.find(ts.isConstructorDeclaration),
        };
        classes.push(inner);
      }
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) sites.push({ owner: inner, call: node });
      ts.forEachChild(node, (child) => visit(child, inner));
    };
    visit(sf, null);
  }

  const sitesIn = new Map<ClassInfo, Site[]>();
  for (const s of sites) {
    if (!s.owner) continue;
    const list = sitesIn.get(s.owner);
    if (list) list.push(s);
    else sitesIn.set(s.owner, [s]);
  }
  /** Calls written in the bodies of these classes. */
  const callsIn = (family: Iterable<ClassInfo>): Site[] => [...family].flatMap((c) => sitesIn.get(c) ?? []);

  const where = (node: ts.Node): string => {
    const sf = node.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
    return `${path.basename(sf.fileName)}:${line + 1}`;
  };
  const fail = (node: ts.Node, what: string): never => {
    throw new Error(`recorded-calls: ${what} at ${where(node)}`);
  };

  /** A class by name: the one in `file` if there is one there, else the only one anywhere. */
  const classNamed = (name: string, file: string): ClassInfo | undefined => {
    const local = classes.find((c) => c.name === name && c.file === file);
    if (local) return local;
    const all = classes.filter((c) => c.name === name);
    return all.length === 1 ? all[0] : undefined;
  };
  const parentOf = (c: ClassInfo): ClassInfo | undefined => (c.base ? classNamed(c.base, c.file) : undefined);
  const lineage = (c: ClassInfo): ClassInfo[] => {
    const out: ClassInfo[] = [];
    for (let k: ClassInfo | undefined = c; k; k = parentOf(k)) out.push(k);
    return out;
  };
  const subclassesOf = (c: ClassInfo): ClassInfo[] => classes.filter((k) => parentOf(k) === c);
  /** The constructor that runs for `new C(...)`: C's own or the nearest ancestor's. */
  const ctorOf = (c: ClassInfo): { owner: ClassInfo; ctor: ts.ConstructorDeclaration } | undefined => {
    for (const k of lineage(c)) if (k.ctor) return { owner: k, ctor: k.ctor };
    return undefined;
  };
  const superCall = (ctor: ts.ConstructorDeclaration): ts.CallExpression | undefined => {
    let found: ts.CallExpression | undefined;
    const visit = (n: ts.Node): void => {
      if (!found && ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword) found = n;
      else ts.forEachChild(n, visit);
    };
    if (ctor.body) visit(ctor.body);
    return found;
  };
  const newSites = (c: ClassInfo): ts.NewExpression[] =>
    sites
      .map((s) => s.call)
      .filter(
        (call): call is ts.NewExpression =>
          ts.isNewExpression(call) &&
          ts.isIdentifier(call.expression) &&
          classNamed(call.expression.text, call.getSourceFile().fileName) === c,
      );
  /** The function-like node (method, constructor, function) that declares parameter `p`. */
  const declaringFunction = (p: ts.ParameterDeclaration): ts.SignatureDeclaration => p.parent;
  const paramOf = (id: ts.Identifier): ts.ParameterDeclaration | undefined => {
    for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
      if (ts.isFunctionLike(n)) {
        const p = n.parameters.find((q) => ts.isIdentifier(q.name) && q.name.text === id.text);
        if (p) return p;
      }
    }
    return undefined;
  };
  const enclosingClass = (node: ts.Node): ClassInfo | undefined => {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent)
      if (ts.isClassDeclaration(n)) return classes.find((c) => c.node === n);
    return undefined;
  };

  /** Values the constructor parameter #i can take for instances whose class is `c` (or a subclass built through it). */
  const ctorParamValues = (c: ClassInfo, i: number, seen: Set<string>): Value[] => {
    const tag = `${c.file}#${c.name}#${i}`;
    if (seen.has(tag)) return [];
    seen.add(tag);
    const ctor = ctorOf(c);
    if (!ctor) return [];
    const param = ctor.ctor.parameters[i];
    const out: Value[] = [];
    const fromArg = (arg: ts.Expression | undefined, at: ts.Node): void => {
      if (arg === undefined) {
        const d = lit(param?.initializer);
        out.push(d === undefined ? fail(at, `no value for parameter ${i} of ${c.name}`) : d);
      } else out.push(...valuesOf(arg, seen));
    };
    for (const site of newSites(c)) fromArg(site.arguments?.[i], site);
    // Subclasses without their own constructor are built with this one.
    for (const sub of subclassesOf(c)) {
      if (sub.ctor) {
        const call = superCall(sub.ctor);
        if (call && ctor.owner === c) fromArg(call.arguments[i], call);
      } else out.push(...ctorParamValues(sub, i, seen));
    }
    return out;
  };

  /** The string/null values an expression can take, following parameters back to their arguments. */
  const valuesOf = (e: ts.Expression, seen: Set<string>): Value[] => {
    const v = lit(e);
    if (v !== undefined) return [v];
    if (ts.isIdentifier(e)) {
      const p = paramOf(e);
      if (p) {
        const fn = declaringFunction(p);
        const index = fn.parameters.indexOf(p);
        if (ts.isConstructorDeclaration(fn)) {
          const owner = enclosingClass(fn);
          if (owner) return ctorParamValues(owner, index, seen);
        } else if (ts.isMethodDeclaration(fn) && fn.name) {
          const owner = enclosingClass(fn);
          if (owner) return helperArgValues(owner, memberName(fn.name), index, seen);
        }
      }
    }
    return fail(e, `cannot resolve "${e.getText()}" to string literals`);
  };

  /** Literal values passed as argument #i to `this.m(...)` anywhere in the lineage or subclasses of `owner`. */
  const helperArgValues = (owner: ClassInfo, m: string, i: number, seen: Set<string>): Value[] => {
    const tag = `${owner.file}#${owner.name}.${m}#${i}`;
    if (seen.has(tag)) return [];
    seen.add(tag);
    const family = new Set<ClassInfo>();
    const addDown = (c: ClassInfo): void => {
      family.add(c);
      subclassesOf(c).forEach(addDown);
    };
    lineage(owner).forEach((c) => family.add(c));
    addDown(owner);
    const out: Value[] = [];
    for (const s of callsIn(family)) {
      const call = s.call;
      if (!ts.isCallExpression(call)) continue;
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee) || memberName(callee.name) !== m) continue;
      const recv = callee.expression.kind;
      if (recv !== ts.SyntaxKind.ThisKeyword && recv !== ts.SyntaxKind.SuperKeyword) continue;
      out.push(...valuesOf(call.arguments[i] ?? fail(call, `missing argument ${i}`), seen));
    }
    return out;
  };

  /** [service, type] pairs of instances whose class is `c`, read from the super(...) chain up to Counted. */
  const identities = (c: ClassInfo): Array<[string, Value]> => {
    const chain = lineage(c);
    const first = ctorOf(c);
    // Values parameter #i of class k's own constructor takes when the object being built is a `c`.
    const paramValues = (k: ClassInfo, i: number): Value[] => {
      const param = k.ctor?.parameters[i];
      const fallback = (at: ts.Node): Value[] => {
        const d = lit(param?.initializer);
        return d === undefined ? fail(at, `no value for parameter ${i} of ${k.name}`) : [d];
      };
      if (first?.owner === k) {
        return newSites(c).flatMap((site) => {
          const arg = site.arguments?.[i];
          return arg ? valuesOf(arg, new Set()) : fallback(site);
        });
      }
      // The class below k in the chain whose constructor calls super(...) into k's constructor.
      const below = chain.find((d) => d.ctor && ctorOf(parentOf(d) ?? d)?.owner === k && d !== k);
      const call = below?.ctor && superCall(below.ctor);
      if (!below || !call) return fail(k.node, `cannot follow the constructor chain of ${c.name}`);
      const arg = call.arguments[i];
      return arg ? argValues(below, arg) : fallback(call);
    };
    const argValues = (d: ClassInfo, e: ts.Expression): Value[] => {
      const p = ts.isIdentifier(e) ? paramOf(e) : undefined;
      if (p && d.ctor && p.parent === d.ctor) return paramValues(d, d.ctor.parameters.indexOf(p));
      return valuesOf(e, new Set());
    };
    const top = chain.find((k) => k.base === 'Counted');
    const call = top?.ctor && superCall(top.ctor);
    if (!top || !call) return top ? fail(top.node, `${top.name} extends Counted without super(...)`) : [];
    const pairs: Array<[string, Value]> = [];
    for (const s of argValues(top, call.arguments[1])) {
      if (typeof s !== 'string') return fail(call, 'service must be a string');
      for (const t of argValues(top, call.arguments[2])) pairs.push([s, t]);
    }
    return pairs;
  };

  /** Method names recorded through `this.rec(...)` by code in `c`'s lineage, for instances of `c`. */
  const recNames = (c: ClassInfo): Array<{ name: string; where: string }> => {
    const family = new Set(lineage(c));
    const out: Array<{ name: string; where: string }> = [];
    for (const s of callsIn(family)) {
      const call = s.call;
      if (!ts.isCallExpression(call)) continue;
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword)
        continue;
      if (memberName(callee.name) !== 'rec') continue;
      const arg = call.arguments[0] ?? fail(call, 'rec() without a name');
      for (const v of recArg(arg, c)) out.push({ name: v, where: where(call) });
    }
    return out;
  };
  /** rec's argument, following a forwarding helper's parameter to call sites in `c`'s lineage only. */
  const recArg = (arg: ts.Expression, c: ClassInfo): string[] => {
    const v = lit(arg);
    if (typeof v === 'string') return [v];
    const p = ts.isIdentifier(arg) ? paramOf(arg) : undefined;
    const fn = p && declaringFunction(p);
    if (!p || !fn || !ts.isMethodDeclaration(fn)) return fail(arg, `cannot resolve rec(${arg.getText()})`);
    const m = memberName(fn.name);
    const index = fn.parameters.indexOf(p);
    const family = new Set(lineage(c));
    const out: string[] = [];
    for (const s of callsIn(family)) {
      const call = s.call;
      if (!ts.isCallExpression(call)) continue;
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee) || memberName(callee.name) !== m) continue;
      const recv = callee.expression.kind;
      if (recv !== ts.SyntaxKind.ThisKeyword && recv !== ts.SyntaxKind.SuperKeyword) continue;
      out.push(...recArg(call.arguments[index] ?? fail(call, `missing argument ${index}`), c));
    }
    return out;
  };

  const found: RecordedCall[] = [];
  for (const c of classes) {
    const isAbstract = ts.getCombinedModifierFlags(c.node) & ts.ModifierFlags.Abstract;
    if (isAbstract || !lineage(c).some((k) => k.base === 'Counted')) continue;
    const names = recNames(c);
    for (const [service, type] of identities(c)) {
      for (const { name, where: at } of names) {
        found.push({ service, key: type === null ? name : `${type}.${name}`, where: at });
      }
    }
  }

  // Direct calls: <something>.calls.record('Service', 'Type.method' | `Type.${param}`).
  for (const s of sites) {
    const call = s.call;
    if (!ts.isCallExpression(call)) continue;
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || memberName(callee.name) !== 'record') continue;
    const recv = callee.expression;
    if (!ts.isPropertyAccessExpression(recv) || memberName(recv.name) !== 'calls') continue;
    if (s.owner?.name === 'Counted') continue; // rec() itself, read above through each class
    const service = lit(call.arguments[0]);
    if (typeof service !== 'string') return fail(call, 'record() service must be a string literal');
    const keyArg = call.arguments[1] ?? fail(call, 'record() without a key');
    const key = lit(keyArg);
    if (typeof key === 'string') {
      found.push({ service, key, where: where(call) });
      continue;
    }
    // `Prefix.${method}` inside a helper method(method): resolve the helper's call sites.
    if (
      ts.isTemplateExpression(keyArg) &&
      keyArg.templateSpans.length === 1 &&
      keyArg.templateSpans[0].literal.text === ''
    ) {
      const inner = keyArg.templateSpans[0].expression;
      const owner = s.owner;
      const p = ts.isIdentifier(inner) ? paramOf(inner) : undefined;
      const fn = p && declaringFunction(p);
      if (owner && p && fn && ts.isMethodDeclaration(fn)) {
        for (const v of helperArgValues(owner, memberName(fn.name), fn.parameters.indexOf(p), new Set())) {
          found.push({ service, key: `${keyArg.head.text}${String(v)}`, where: where(call) });
        }
        continue;
      }
    }
    fail(call, 'cannot resolve the record() key');
  }
  return found;
}

/** The distinct '<service>.<key>' strings. */
export function recordedKeys(dir: string): string[] {
  return [...new Set(recordedCalls(dir).map((c) => `${c.service}.${c.key}`))].sort();
}
