import type { Command } from 'commander';

export function registerTransforms(program: Command): void {
  program
    .command('transforms')
    .description('list the transforms (ids for --transform)')
    .action(() => transformsCommand());
}

/** `transforms`: every transform id with its file kind and description. */
export async function transformsCommand(): Promise<void> {
  const { ALL_TRANSFORMS } = await import('../../transforms/index.js');
  for (const g of ALL_TRANSFORMS) for (const t of g.transforms) process.stdout.write(`${t.id.padEnd(34)} ${g.kind.padEnd(13)} ${t.description}\n`);
}
