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
      JSON.parse(text);
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
      execFileSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: text, stdio: ['pipe', 'ignore', 'pipe'] });
    } catch (err) {
      return `python3: ${String((err as { stderr?: Buffer }).stderr ?? err)}`;
    }
  }
  return undefined;
}
