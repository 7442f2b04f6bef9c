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
  if (rel.endsWith('.py')) {
    try {
      execFileSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: text, stdio: ['pipe', 'ignore', 'pipe'] });
    } catch (err) {
      return `python3: ${String((err as { stderr?: Buffer }).stderr ?? err)}`;
    }
  }
  return undefined;
}
