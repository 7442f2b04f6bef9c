import { parseJsonc } from '../../src/project/tsconfig.js';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
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
    const err = await python('toml', text);
    if (err) return `toml: ${err}`;
  }
  if (rel.endsWith('.py')) {
    const err = await python('py', text);
    if (err) return `python3: ${err}`;
  }
  if (rel.endsWith('.ipynb')) {
    const err = await python('ipynb', text);
    if (err) return `python3 (notebook): ${err}`;
  }
  return undefined;
}

/**
 * One python3 per test process answers every Python, TOML and notebook check (one JSON line in, one
 * out, in order): the same parses as a python3 per file, without an interpreter start per file (about
 * 0.18 CPU s each through a pyenv shim; the fixture loop checks ~360 files).
 */
const PY_SERVER = String.raw`
import ast, base64, json, re, sys, tomllib

def notebook(data):
    # Every code cell parses once IPython magics / shell lines are blanked.
    nb = json.loads(data.decode("utf-8-sig"))
    for i, c in enumerate(nb.get("cells", []), 1):
        if c.get("cell_type") != "code": continue
        src = c["source"] if isinstance(c["source"], str) else "".join(c["source"])
        if re.match(r"\s*%%(?!time|timeit|capture|prun|debug|python)", src): continue
        lines = [(re.match(r"\s*", l).group(0) + "pass") if re.match(r"\s*([%!]|[A-Za-z_][\w.]*\s*=\s*[!%]|[\w.]+\?\??\s*$)", l) else l for l in src.split("\n")]
        try: ast.parse("\n".join(lines))
        except SyntaxError as e: return f"cell {i}: {e}"
    return None

for line in sys.stdin:
    req = json.loads(line)
    data = base64.b64decode(req["text"])
    err = None
    try:
        # .py as bytes, as Python compiles a file: a UTF-8 BOM and coding cookies are honoured.
        if req["kind"] == "py": ast.parse(data)
        elif req["kind"] == "toml": tomllib.loads(data.decode("utf-8"))
        else: err = notebook(data)
    except Exception as e:
        err = f"{type(e).__name__}: {e}"
    sys.stdout.write(json.dumps({"error": err}) + "\n")
    sys.stdout.flush()
`;

let server: { child: ChildProcessWithoutNullStreams; waiting: Array<(r: { error: string | null }) => void> } | undefined;

function python(kind: 'py' | 'toml' | 'ipynb', text: string): Promise<string | undefined> {
  if (!server) {
    const child = spawn('python3', ['-c', PY_SERVER], { stdio: ['pipe', 'pipe', 'pipe'] });
    const s = { child, waiting: [] as Array<(r: { error: string | null }) => void> };
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const fail = (why: string) => {
      if (server === s) server = undefined;
      for (const w of s.waiting.splice(0)) w({ error: `${why}${stderr ? `\n${stderr}` : ''}` });
    };
    child.on('error', (e) => fail(String(e)));
    child.on('exit', (code) => fail(`python3 exited (${code})`));
    createInterface({ input: child.stdout }).on('line', (line) => s.waiting.shift()?.(JSON.parse(line) as { error: string | null }));
    // The test process may exit with the checker idle: python3 then reads end of input and stops.
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
    server = s;
  }
  const s = server;
  return new Promise((resolve) => {
    s.waiting.push((r) => resolve(r.error ?? undefined));
    s.child.stdin.write(`${JSON.stringify({ kind, text: Buffer.from(text, 'utf8').toString('base64') })}\n`);
  });
}
