import { describe, expect, it } from 'vitest';
import { runRootOf } from '../src/engine/types.js';

describe('runRootOf: the folder a run sees a file from', () => {
  it('is the cwd for a file under it', () => {
    expect(runRootOf({ abs: '/work/app/src/ask.py', rel: 'src/ask.py' })).toBe('/work/app/');
  });
  it('is the folder the .. steps reach for a file above the cwd (the CLI run from the repository on a temp project)', () => {
    // abs minus rel by length gave '' here (the rel is longer than the tail it names), and every app of the run was missed.
    expect(runRootOf({ abs: '/tmp/oam-x/app/ask.py', rel: '../../oam-x/app/ask.py' })).toBe('/tmp/');
    expect(runRootOf({ abs: '/tmp/p/ask.py', rel: '../../../tmp/p/ask.py' })).toBe('/');
  });
});
