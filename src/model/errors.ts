/**
 * Errors are values with a stable code, a message that says what, where and why, and a hint
 * (STYLE.md "Habits"). The CLI maps them to exit codes in one place (src/cli/exit-codes.ts).
 */
export interface SourceLocation {
  /** File name or other label of the input, when known. */
  readonly file?: string;
  /** 1-based line and column in the input text. */
  readonly line?: number;
  readonly column?: number;
}

/** An input that tseq cannot accept: malformed, hostile, too large, of the wrong kind. */
export class TseqInputError extends Error {
  override readonly name = 'TseqInputError';
  constructor(
    /** Stable code, e.g. XML001. */
    readonly code: string,
    message: string,
    readonly location: SourceLocation = {},
    readonly hint?: string,
  ) {
    super(message);
  }

  /** `file:line:col: CODE message` — one clear line, as the CLI prints it. */
  format(): string {
    const { file, line, column } = this.location;
    const where = [file, line, line !== undefined ? column : undefined].filter((x) => x !== undefined).join(':');
    return `${where ? where + ': ' : ''}${this.code} ${this.message}${this.hint ? ` (${this.hint})` : ''}`;
  }

  withFile(file: string): TseqInputError {
    return new TseqInputError(this.code, this.message, { ...this.location, file }, this.hint);
  }
}
