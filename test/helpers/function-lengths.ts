import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Every function-like with a body in `file`: [lines, name at line]. */
export function functionLengths(file: string): Array<[number, string]> {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Array<[number, string]> = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) && 'body' in n && n.body) {
      const a = sf.getLineAndCharacterOfPosition(n.getStart()).line;
      const b = sf.getLineAndCharacterOfPosition(n.end).line;
      const name = n.name && ts.isIdentifier(n.name) ? n.name.text : '(anonymous)';
      out.push([b - a + 1, `${path.basename(file)}:${a + 1} ${name}`]);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
