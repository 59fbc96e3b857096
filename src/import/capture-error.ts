// The one error the import layer throws: what is wrong and the byte offset where it was found,
// in English and Simplified Chinese. The CLI prints `import: <message>`; nothing else escapes.
export class CaptureError extends Error {
  constructor(
    message: string,
    readonly messageZh: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'CaptureError';
  }
}

export function truncated(what: string, whatZh: string, offset: number): CaptureError {
  return new CaptureError(`truncated ${what} at offset ${offset}`, `${whatZh}在偏移 ${offset} 处被截断`, offset);
}
