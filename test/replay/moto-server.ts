import { ChildProcess, spawn, spawnSync } from 'child_process';

/** A moto_server on loopback, on a port the system picked. */
export interface MotoServer {
  /** `http://127.0.0.1:PORT`: the endpoint override for the SDK. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 20_000;
const LISTENING = /Running on (http:\/\/127\.0\.0\.1:\d+)/;

/** What to install when moto_server is missing. */
export const MOTO_INSTALL = "pip install 'moto[server]==5.2.1'";

/**
 * Whether moto_server runs on this machine. Asked by running it (`--help`), not by looking it up on the PATH: a
 * pyenv shim is on the PATH even when the Python it points to has no moto.
 */
export function motoServerAvailable(): boolean {
  return spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;
}

/**
 * `describe` when moto_server runs here; otherwise `describe.skip` with a warning that says what was not tested
 * and how to install it, or, under CI (where the tests against a real endpoint must run), an error.
 */
export function describeWithMotoServer(): jest.Describe {
  if (motoServerAvailable()) return describe;
  const problem = `moto_server is not installed: the replay was NOT tested against a CloudWatch endpoint on loopback. Install it with ${MOTO_INSTALL}.`;
  if (process.env.CI) throw new Error(`${problem} CI must run these tests.`);
  console.warn(problem);
  return describe.skip;
}

/**
 * Starts moto_server (moto 5.2.1 is on the development and CI machines) on port 0, so the system picks a free
 * port and no two test files collide, and resolves once it listens. Fails with what to install when it is missing.
 */
export function startMotoServer(): Promise<MotoServer> {
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise<MotoServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`moto_server did not listen within ${STARTUP_TIMEOUT_MS / 1000} s; it printed:\n${output}`));
    }, STARTUP_TIMEOUT_MS);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        e.code === 'ENOENT'
          ? new Error(`moto_server is not on the PATH: the replay tests read metrics back from a CloudWatch endpoint on loopback. Install it with ${MOTO_INSTALL}.`)
          : e,
      );
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`moto_server exited (${code}) before listening; it printed:\n${output}`));
    });
    // Werkzeug logs every request: both pipes are read for as long as the server runs, or it would block on a full pipe.
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = LISTENING.exec(output);
      if (listening) {
        clearTimeout(timer);
        output = '';
        child.stdout!.off('data', read);
        child.stderr!.off('data', read);
        child.stdout!.resume();
        child.stderr!.resume();
        resolve({ endpoint: listening[1], stop: () => stop(child) });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
