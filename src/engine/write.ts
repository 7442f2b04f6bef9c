import { open, rename, lstat, unlink, realpath, access, constants, type FileHandle } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export class ChangedOnDiskError extends Error {}

/** A file the write step leaves alone on purpose (read-only, hard links, outside the roots, owner not kept). */
export class WriteRefused extends Error {
  constructor(
    readonly id: 'W_READ_ONLY' | 'W_HARD_LINK' | 'E_OUTSIDE_ROOT' | 'E_WRITE',
    message: string,
  ) {
    super(message);
  }
}

/** Temporary files being written right now (removed by the interrupt handler). */
export const liveTemps = new Set<string>();
/** Files written by this process, in order (printed when a run is interrupted). */
export const writtenFiles: string[] = [];

export interface Expected {
  size: number;
  mtimeMs: number;
  /** The bytes the run read: compared under the rename so a save in between is never lost. */
  bytes?: Buffer;
}

export interface WriteOptions {
  /** Real folders the written file must be inside (after resolving symlinks). */
  roots?: string[];
  /** Test hook: runs after the temporary file is flushed, before the final check and the rename. */
  beforeRename?: () => Promise<void> | void;
  /** Test hook: runs after the final check, right before the rename (the last instant a save can land). */
  afterCheck?: () => Promise<void> | void;
}

const inside = (p: string, dir: string) => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

async function sameBytes(fh: FileHandle, bytes: Buffer): Promise<boolean> {
  const buf = Buffer.allocUnsafe(bytes.length + 1);
  let got = 0;
  while (got < buf.length) {
    const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
    if (!bytesRead) break;
    got += bytesRead;
  }
  return got === bytes.length && buf.subarray(0, got).equals(bytes);
}

async function readAll(fh: FileHandle): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(1 << 16);
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (!bytesRead) break;
    chunks.push(buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
  return Buffer.concat(chunks);
}

const testDelay = (): Promise<void> => {
  // Test hook (adversarial tests): hold the finished temporary file this long before the final check and rename.
  const ms = Number(process.env.OPENAI_MIGRATE_TEST_WRITE_DELAY_MS);
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
};

/** Write `data` to a new temporary file next to `target` with the given owner and mode; returns its name. */
async function writeTemp(target: string, data: Buffer, st: { mode: number; uid: number; gid: number }): Promise<string> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.openai-migrate-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  liveTemps.add(tmp);
  const fh = await open(tmp, 'wx', st.mode & 0o7777);
  try {
    await fh.writeFile(data);
    await fh.sync();
    // Keep the owner (a run as root must not make files root's) and the group; then the mode (chown clears set-id bits).
    const uid = process.getuid?.();
    const gid = process.getgid?.();
    if (uid !== undefined && (st.uid !== uid || st.gid !== gid)) {
      try {
        await fh.chown(st.uid, st.gid);
      } catch {
        throw new WriteRefused('E_WRITE', `cannot keep its owner/group (${st.uid}:${st.gid}) when rewriting it; left unchanged (run as its owner)`);
      }
    }
    await fh.chmod(st.mode & 0o7777);
  } catch (e) {
    await fh.close().catch(() => {});
    await dropTemp(tmp);
    throw e;
  }
  await fh.close();
  return tmp;
}

async function dropTemp(tmp: string): Promise<void> {
  await unlink(tmp).catch(() => {});
  liveTemps.delete(tmp);
}

/**
 * Atomic write: a temporary file in the same folder, flushed, given the
 * original owner and mode bits, then renamed over the target. An interrupted
 * run leaves the old file or the new one, never half of either.
 *
 * Nothing a user did is lost: the file is opened (its inode held) and
 * compared with what the run read before the temporary file is written, and
 * again right before the rename; after the rename the old inode is read once
 * more, and a save that landed in it between the last check and the rename is
 * put back (`ChangedOnDiskError` either way: the file keeps the user's text).
 *
 * Left alone with a reason (`WriteRefused`): a read-only file, a file with
 * more than one hard link (rewriting would split the links), a path whose real
 * location is outside `roots`. A symlink (named explicitly) is written through
 * to its target, never replaced by a regular file.
 */
export async function writeAtomic(file: string, data: Buffer, expected: Expected, opts: WriteOptions = {}): Promise<void> {
  let target = file;
  if ((await lstat(file)).isSymbolicLink()) target = await realpath(file);
  if (opts.roots?.length) {
    const real = path.join(await realpath(path.dirname(target)), path.basename(target));
    if (!opts.roots.some((r) => inside(real, r))) {
      throw new WriteRefused('E_OUTSIDE_ROOT', `its real location ${real} is outside the given folders; not written (symlinks are not followed out of the tree)`);
    }
  }
  const orig = await open(target, 'r');
  let tmp: string | undefined;
  try {
    const before = await orig.stat();
    if (!before.isFile()) throw new WriteRefused('E_WRITE', 'not a regular file; not written');
    if (before.size !== expected.size || before.mtimeMs !== expected.mtimeMs || (expected.bytes && !(await sameBytes(orig, expected.bytes)))) {
      throw new ChangedOnDiskError(`${file} changed on disk since it was read; not overwritten`);
    }
    const writable = await access(target, constants.W_OK).then(
      () => true,
      () => false,
    );
    if ((before.mode & 0o222) === 0 || !writable) {
      throw new WriteRefused('W_READ_ONLY', `read-only (mode ${(before.mode & 0o777).toString(8).padStart(4, '0')}); left unchanged: make it writable to migrate it`);
    }
    if (before.nlink > 1) {
      throw new WriteRefused(
        'W_HARD_LINK',
        `has ${before.nlink} hard links; rewriting it would split them (the other names would keep the old text), so it was left unchanged: migrate it by hand or break the link first`,
      );
    }
    tmp = await writeTemp(target, data, before);
    await testDelay();
    await opts.beforeRename?.();
    // Under the rename: same inode at the path, same size and time, same bytes.
    const now = await orig.stat();
    const at = await lstat(target).catch(() => undefined);
    if (!at || at.ino !== before.ino || at.dev !== before.dev || now.size !== before.size || now.mtimeMs !== before.mtimeMs || (expected.bytes && !(await sameBytes(orig, expected.bytes)))) {
      throw new ChangedOnDiskError(`${file} changed on disk while it was being written; your version was kept and nothing was written`);
    }
    await opts.afterCheck?.();
    await rename(tmp, target);
    liveTemps.delete(tmp);
    tmp = undefined;
    // After the rename: a save into the old inode in the last instant is put back.
    const after = await orig.stat();
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || (expected.bytes && !(await sameBytes(orig, expected.bytes)))) {
      const theirs = await readAll(orig);
      const back = await writeTemp(target, theirs, before);
      await rename(back, target);
      liveTemps.delete(back);
      throw new ChangedOnDiskError(`${file} was saved while it was being written; your saved version was put back and the migration not written`);
    }
    writtenFiles.push(file);
  } finally {
    await orig.close().catch(() => {});
    if (tmp) await dropTemp(tmp);
  }
}

/** Remove the temporary files of writes in progress (synchronous: for signal handlers). */
export function removeLiveTemps(): string[] {
  const removed: string[] = [];
  for (const t of liveTemps) {
    try {
      unlinkSync(t);
      removed.push(t);
    } catch {
      /* already renamed or removed */
    }
  }
  liveTemps.clear();
  return removed;
}
