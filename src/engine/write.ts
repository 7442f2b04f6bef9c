import { open, rename, stat, unlink, chmod } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export class ChangedOnDiskError extends Error {}

/**
 * Atomic write: a temporary file in the same folder, flushed, given the
 * original mode bits, then renamed over the target. An interrupted run leaves
 * the old file or the new one, never half of either. When the file changed on
 * disk since it was read (size or mtime), it is not overwritten.
 */
export async function writeAtomic(
  file: string,
  data: Buffer,
  expected: { size: number; mtimeMs: number },
): Promise<void> {
  const before = await stat(file);
  if (before.size !== expected.size || before.mtimeMs !== expected.mtimeMs) {
    throw new ChangedOnDiskError(`${file} changed on disk since it was read; not overwritten`);
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.openai-migrate-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', before.mode & 0o7777);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await fh.close();
  try {
    await chmod(tmp, before.mode & 0o7777);
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
}
