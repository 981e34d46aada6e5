import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** How long a lock may be held before another process takes it over (its holder died). */
const STALE_LOCK_MS = 10 * 60_000;

/**
 * A result computed from files, kept on disk under the hash of their bytes and of `inputs` (tool versions), so
 * two processes that validate the same templates (the catalog build and the validators test, in two Jest
 * workers) run the tool once: the first computes under a lock, the other waits and reads. File paths in the
 * result are stored by base name and given back as the caller's paths.
 */
export function cachedByContent<T>(cacheDir: string, name: string, files: readonly string[], inputs: readonly string[], compute: () => T, relocate: (value: T, byBaseName: ReadonlyMap<string, string>) => T): T {
  const hash = createHash('sha256').update(name).update(JSON.stringify(inputs));
  for (const f of [...files].sort((a, b) => path.basename(a).localeCompare(path.basename(b)))) hash.update(path.basename(f)).update(fs.readFileSync(f));
  const key = hash.digest('hex').slice(0, 24);
  fs.mkdirSync(cacheDir, { recursive: true });
  const resultFile = path.join(cacheDir, `${name}-${key}.json`);
  const lock = `${resultFile}.lock`;
  const byBaseName = new Map(files.map((f) => [path.basename(f), f]));
  for (;;) {
    if (fs.existsSync(resultFile)) return relocate(JSON.parse(fs.readFileSync(resultFile, 'utf8')) as T, byBaseName);
    if (takeLock(lock)) break;
    sleep(250);
  }
  try {
    const value = compute();
    const temporary = `${resultFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(value));
    fs.renameSync(temporary, resultFile);
    // What compute stored by base name goes back to the caller's paths, as on a later run that reads it.
    return relocate(value, byBaseName);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function takeLock(lock: string): boolean {
  try {
    fs.mkdirSync(lock);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs!;
    if (age > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
