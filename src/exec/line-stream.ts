// Splits a child's output stream into whole lines as they arrive (a partial last line is flushed at the end).

/** Calls `onLine` for every complete line of `stream`, and once more for an unterminated last line. */
export function onLines(stream: NodeJS.ReadableStream | null | undefined, onLine: (line: string) => void): void {
  if (!stream) return;
  let buffered = '';
  stream.on('data', (chunk: Buffer | string) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) onLine(line.replace(/\r$/, ''));
  });
  stream.on('end', () => {
    if (buffered) onLine(buffered);
    buffered = '';
  });
}

/** Keeps the last `size` lines (for the error of a process that failed or never became ready). */
export class LineTail {
  readonly #lines: string[] = [];
  constructor(private readonly size = 20) {}

  push(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > this.size) this.#lines.shift();
  }

  text(): string {
    return this.#lines.join('\n').trim();
  }
}
