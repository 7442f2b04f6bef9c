import type { Transform } from '../src/engine/types.js';
import { JS_TRANSFORMS } from './js/index.js';
import { PY_TRANSFORMS } from './python/index.js';
import { ENV_TRANSFORMS } from './env/index.js';
import { CONFIG_TRANSFORMS } from './config/index.js';

/** Every transform, by the kind of file it runs on (ids are what `--transform` takes). */
export const ALL_TRANSFORMS: ReadonlyArray<{ kind: string; transforms: ReadonlyArray<Transform<never>> }> = [
  { kind: 'js/ts', transforms: JS_TRANSFORMS as ReadonlyArray<Transform<never>> },
  { kind: 'python', transforms: PY_TRANSFORMS as ReadonlyArray<Transform<never>> },
  { kind: 'env', transforms: ENV_TRANSFORMS as ReadonlyArray<Transform<never>> },
  { kind: 'config', transforms: CONFIG_TRANSFORMS as ReadonlyArray<Transform<never>> },
  {
    kind: 'package.json',
    transforms: [{ id: 'add-provider-dependencies', description: 'Declare packages the rewrites introduced; drop OpenAI wrapper packages nothing imports', run() {} }],
  },
];

export const transformIds = (): string[] => ALL_TRANSFORMS.flatMap((g) => g.transforms.map((t) => t.id));
