/** Reports the steps of a long build, with the time since it started (to stderr, on the command line). */
export type Progress = (step: string) => void;

/** Progress lines on a stream: `[ 12.3s] cfn-lint over 7 templates`. */
export function progressOn(stream: { write(text: string): unknown }, start = Date.now()): Progress {
  return (step) => {
    stream.write(`[${((Date.now() - start) / 1000).toFixed(1).padStart(5)}s] ${step}\n`);
  };
}

export const SILENT: Progress = () => undefined;
