// A floor for "read every file and look for one call": walk the tree (skipping
// .git, node_modules and the gitignored generated/ folders the bench makes),
// read each .ts/.tsx/.js/.py file and match `.chat.completions.create(` and
// `.embeddings.create(` with a regular expression. Not a codemod: it parses
// nothing. Used by `npm run bench -- --density` next to ast-grep.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const CALL = /\.(?:chat\.completions|embeddings)\.create\(/g;
const EXT = /\.(?:ts|tsx|js|py)$/;
let files = 0;
let matches = 0;
let hit = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (e.name === '.git' || e.name === 'node_modules' || e.name === 'generated') continue;
      walk(path.join(dir, e.name));
    } else if (e.isFile() && EXT.test(e.name)) {
      files++;
      const n = readFileSync(path.join(dir, e.name), 'utf8').match(CALL)?.length ?? 0;
      matches += n;
      if (n) hit++;
    }
  }
};
walk(path.resolve(process.argv[2] ?? '.'));
process.stdout.write(JSON.stringify({ files, filesWithMatches: hit, matches }) + '\n');
