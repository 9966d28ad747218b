/**
 * Resolves once everything written so far to these streams has been handed to the OS. Writes to a pipe are
 * asynchronous: exiting right after the last write cuts the output short (1 MiB became 64 KiB in a Node analogue).
 * A stream that is closed or broken (EPIPE: the reader went away) has nothing left to flush.
 */
export async function flushed(streams: readonly NodeJS.WritableStream[]): Promise<void> {
  await Promise.all(
    streams.map(
      (stream) =>
        new Promise<void>((resolve) => {
          try {
            stream.write('', () => resolve());
          } catch {
            resolve();
          }
        }),
    ),
  );
}
