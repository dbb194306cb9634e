/**
 * What every `kg` command shares about its output: JSON on stdout and nothing else with --json,
 * the end of a pipe (`kg export | head`) taken quietly, and the exit codes: 0 ok, 1 some input
 * failed, 2 a usage, configuration or store error.
 */
export const EXIT = { ok: 0, inputFailed: 1, usage: 2 } as const;

/** A command used wrongly: a missing or conflicting option, an argument that names nothing. */
export class UsageError extends Error {
  readonly code = 'USAGE';
}

/** The reader of stdout went away (a pipe into `head`): stop quietly, as the tools of a shell do. */
export function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
