import { parseJsonc } from '../../src/project/tsconfig.js';
import { execFileSync } from 'node:child_process';
import { parseJs } from '../../src/lang/js/parse.js';

/**
 * Independent syntax checks of expected outputs: JS/TS with the TypeScript
 * parser and with jscodeshift's Babel parser (what most JS toolchains use);
 * Python with the system python3 (ast.parse).
 */
export async function syntaxCheck(rel: string, text: string): Promise<string | undefined> {
  if (/\.(m|c)?(t|j)sx?$/.test(rel) && !rel.endsWith('.d.ts')) {
    const e = parseJs(rel, text).error;
    if (e) return `typescript: ${e}`;
    const jscodeshift = (await import('jscodeshift')).default;
    const parser = /\.(m|c)?tsx?$/.test(rel) ? (rel.endsWith('x') ? 'tsx' : 'ts') : 'babylon';
    try {
      jscodeshift.withParser(parser)(text);
    } catch (err) {
      return `babel (${parser}): ${(err as Error).message}`;
    }
    return undefined;
  }
  // Config files (env/config handlers): strict JSON, JSONL line by line, YAML, TOML via python3 tomllib.
  if (/\.json$/.test(rel)) {
    try {
      // tsconfig.json / jsconfig.json are JSON with comments and trailing commas (the compiler's dialect).
      if (/(?:^|\/)[tj]sconfig(?:\.[\w-]+)?\.json$/.test(rel)) parseJsonc(text);
      else JSON.parse(text);
    } catch (err) {
      return `json: ${(err as Error).message}`;
    }
  }
  if (rel.endsWith('.jsonl')) {
    for (const [i, line] of text.split('\n').entries()) {
      try {
        if (line.trim()) JSON.parse(line);
      } catch (err) {
        return `jsonl line ${i + 1}: ${(err as Error).message}`;
      }
    }
  }
  if (/\.ya?ml$/.test(rel)) {
    const { parseAllDocuments } = await import('yaml');
    const docs = parseAllDocuments(text);
    const err = Array.isArray(docs) ? docs.flatMap((d) => d.errors)[0] : undefined;
    if (err) return `yaml: ${err.message}`;
  }
  if (rel.endsWith('.toml')) {
    try {
      execFileSync('python3', ['-c', 'import tomllib,sys; tomllib.loads(sys.stdin.read())'], { input: text, stdio: ['pipe', 'ignore', 'pipe'] });
    } catch (err) {
      return `toml: ${String((err as { stderr?: Buffer }).stderr ?? err)}`;
    }
  }
  if (rel.endsWith('.py')) {
    try {
      // bytes, as Python compiles a file: a UTF-8 BOM and coding cookies are honoured
      execFileSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.buffer.read())'], { input: text, stdio: ['pipe', 'ignore', 'pipe'] });
    } catch (err) {
      return `python3: ${String((err as { stderr?: Buffer }).stderr ?? err)}`;
    }
  }
  if (rel.endsWith('.ipynb')) {
    // Notebooks: valid JSON, and every code cell parses once IPython magics / shell lines are blanked.
    const script = [
      'import ast, json, re, sys',
      'nb = json.loads(sys.stdin.buffer.read().decode("utf-8-sig"))',
      'for i, c in enumerate(nb.get("cells", []), 1):',
      '    if c.get("cell_type") != "code": continue',
      '    src = c["source"] if isinstance(c["source"], str) else "".join(c["source"])',
      '    if re.match(r"\\s*%%(?!time|timeit|capture|prun|debug|python)", src): continue',
      '    lines = [(re.match(r"\\s*", l).group(0) + "pass") if re.match(r"\\s*([%!]|[A-Za-z_][\\w.]*\\s*=\\s*[!%]|[\\w.]+\\?\\??\\s*$)", l) else l for l in src.split("\\n")]',
      '    try: ast.parse("\\n".join(lines))',
      '    except SyntaxError as e: sys.exit(f"cell {i}: {e}")',
    ].join('\n');
    try {
      execFileSync('python3', ['-c', script], { input: text, stdio: ['pipe', 'ignore', 'pipe'] });
    } catch (err) {
      return `python3 (notebook): ${String((err as { stderr?: Buffer }).stderr ?? err)}`;
    }
  }
  return undefined;
}
