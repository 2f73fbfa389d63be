/**
 * A small streaming CSV reader for `escucha import`, written for the exports people actually
 * bring: Excel in Spanish locales separates with semicolons, other tools with commas or tabs.
 *
 * - The delimiter is given, or taken from an Excel `sep=;` first line, or read from the header
 *   line: the candidate found most often outside quotes.
 * - Every record carries the line where it starts, as an editor shows it (quoted fields may span
 *   lines), and a malformed record is reported once, at that line.
 * - After a malformed record, reading resumes at the physical line after the one where it
 *   starts, so an unbalanced quote costs one row, not the rest of the file.
 * - Quotes inside an unquoted field are kept as text (as Excel and most readers do); text
 *   between a closing quote and the delimiter, or a quote that never closes, is an error.
 * - Rows whose fields are all empty (blank lines, Excel's `;;;`) are skipped.
 */

/** Delimiters detected automatically, in order of preference when counts tie. */
export const DELIMITERS = [';', ',', '\t'] as const;

export type CsvItem = { line: number; fields: string[] } | { line: number; error: string };

export interface CsvOptions {
  /** Field delimiter (one character); detected when absent. */
  delimiter?: string;
  /** Called once, before the first record, with the delimiter in use. */
  onDelimiter?: (delimiter: string) => void;
  /** Text encoding of the bytes (default UTF-8); see `sniffEncoding`. */
  encoding?: 'utf-8' | 'windows-1252';
}

/**
 * The encoding of a CSV from its first bytes: UTF-8 when they decode as UTF-8, else
 * Windows-1252, what Excel writes by default in Spanish locales ("¿Hasta cuándo?" saved as
 * bytes that are not UTF-8). A character cut at the sample's end is not an error.
 */
export function sniffEncoding(sample: Uint8Array): 'utf-8' | 'windows-1252' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** A quoted field longer than this (characters) is taken for a quote that never closes. */
const MAX_RECORD_CHARS = 1 << 20;

export const QUOTE_NOT_CLOSED = 'unas comillas no se cierran';
export const TEXT_AFTER_QUOTE =
  'hay texto entre unas comillas de cierre y el separador (¿comillas sin duplicar dentro de un campo entre comillas?)';

/**
 * The delimiter of a header line: the candidate that appears most often outside double quotes
 * (ties go to `;`, then `,`, then tab); `,` when none appears (a single column).
 */
export function sniffDelimiter(header: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    if (counts.get(d)! > bestCount) {
      best = d;
      bestCount = counts.get(d)!;
    }
  }
  return best;
}

/** Records of CSV text given in chunks (e.g. a read stream). */
export async function* readCsv(chunks: AsyncIterable<string | Buffer>, options: CsvOptions = {}): AsyncGenerator<CsvItem> {
  const decoder = new TextDecoder(options.encoding ?? 'utf-8');
  let head = '';
  let tokenizer: CsvTokenizer | null = null;
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (tokenizer) {
      yield* tokenizer.feed(text);
      continue;
    }
    head += text;
    const started = begin(head, false);
    if (!started) continue;
    tokenizer = started.tokenizer;
    yield* tokenizer.feed(started.rest);
  }
  const tail = decoder.decode();
  if (!tokenizer) {
    const started = begin(head + tail, true);
    if (!started) return;
    tokenizer = started.tokenizer;
    yield* tokenizer.feed(started.rest);
  } else if (tail) yield* tokenizer.feed(tail);
  yield* tokenizer.end();

  /** Once the header line is complete (or the text ends), the tokenizer for the whole text. */
  function begin(text: string, final: boolean): { tokenizer: CsvTokenizer; rest: string } | null {
    let rest = text.replace(/^\uFEFF/, '');
    let line = 1;
    let afterCR = false;
    let delimiter = options.delimiter;
    const sep = /^sep=([^\r\n])[ \t]*(\r\n|\n|\r|$)/i.exec(rest);
    if (sep) {
      if (!final && headerLine(rest.slice(sep[0].length)) === null) return null;
      delimiter ??= sep[1]!;
      rest = rest.slice(sep[0].length);
      line = 2;
      afterCR = sep[2] === '\r';
    } else if (!final && headerLine(rest) === null) return null;
    delimiter ??= sniffDelimiter(headerLine(rest) ?? rest);
    options.onDelimiter?.(delimiter);
    return { tokenizer: new CsvTokenizer(delimiter, line, afterCR), rest };
  }
}

/** The first non-blank line of `text` outside quotes, or null if none is complete yet. */
function headerLine(text: string): string | null {
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (text.slice(start, i).trim() !== '') return text.slice(start, i);
      start = i + 1;
    }
  }
  return null;
}

const enum State {
  /** At the start of a field (maybe after spaces). */
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: an escaped quote ("") or the end of the field. */
  QuoteInQuoted,
  /** After a closing quote: only spaces may come before the delimiter. */
  AfterQuoted,
  /** Skipping the rest of a physical line after a malformed record. */
  SkipLine,
}

/** The CSV state machine: chunks in; records and errors, at the record's first line, out. */
class CsvTokenizer {
  private state = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  /** Line of the character being read. */
  private line: number;
  /** Line where the current record starts. */
  private recordLine: number;
  /** The last line ended with '\r': a '\n' right after it is part of the same line break. */
  private skipLF: boolean;
  /** The raw text of the current record before the current chunk, to read again after an error. */
  private raw = '';

  constructor(
    private readonly delimiter: string,
    firstLine: number,
    afterCR: boolean,
  ) {
    this.line = firstLine;
    this.recordLine = firstLine;
    this.skipLF = afterCR;
  }

  *feed(chunk: string): Generator<CsvItem> {
    let text = chunk;
    /** Where the current record's raw text starts in `text`. */
    let rawStart = 0;
    let i = 0;
    while (i < text.length) {
      const ch = text[i]!;
      const lineBreak = ch === '\n' || ch === '\r';
      if (this.skipLF) {
        this.skipLF = false;
        if (ch === '\n') {
          if (this.state === State.FieldStart && this.fields.length === 0 && this.field === '') rawStart = i + 1;
          i++;
          continue;
        }
      }
      let error: string | null = null;
      switch (this.state) {
        case State.SkipLine:
          if (lineBreak) {
            this.newLine(ch);
            this.state = State.FieldStart;
            this.recordLine = this.line;
            this.raw = '';
            rawStart = i + 1;
          }
          break;
        case State.FieldStart:
        case State.Unquoted:
          if (ch === '"' && this.state === State.FieldStart) {
            this.field = '';
            this.state = State.Quoted;
          } else if (ch === this.delimiter) this.endField();
          else if (lineBreak) {
            const item = this.endRecord(ch);
            if (item) yield item;
            rawStart = i + 1;
          } else {
            this.field += ch;
            if (ch !== ' ' && ch !== '\t') this.state = State.Unquoted;
          }
          break;
        case State.Quoted:
          if (ch === '"') this.state = State.QuoteInQuoted;
          else if (lineBreak) {
            // Line breaks inside a field are kept, as '\n'.
            this.field += '\n';
            this.newLine(ch);
            if (this.raw.length + (i - rawStart) > MAX_RECORD_CHARS) error = QUOTE_NOT_CLOSED;
          } else this.field += ch;
          break;
        case State.QuoteInQuoted:
        case State.AfterQuoted:
          if (ch === '"' && this.state === State.QuoteInQuoted) {
            this.field += '"';
            this.state = State.Quoted;
          } else if (ch === this.delimiter) this.endField();
          else if (lineBreak) {
            const item = this.endRecord(ch);
            if (item) yield item;
            rawStart = i + 1;
          } else if (ch === ' ' || ch === '\t') this.state = State.AfterQuoted;
          // A "closing" quote lines below the record's start is more likely an opening quote
          // that was never closed, on the record's first line.
          else error = this.line > this.recordLine ? QUOTE_NOT_CLOSED : TEXT_AFTER_QUOTE;
          break;
      }
      if (error) {
        yield { line: this.recordLine, error };
        text = this.restart(this.raw + text.slice(rawStart, i + 1)) + text.slice(i + 1);
        rawStart = 0;
        i = 0;
        continue;
      }
      i++;
    }
    this.raw = this.state === State.SkipLine ? '' : this.raw + text.slice(rawStart);
  }

  /** The end of the text: the last record, or a quote that never closes and what follows it. */
  *end(): Generator<CsvItem> {
    while (this.state === State.Quoted) {
      yield { line: this.recordLine, error: QUOTE_NOT_CLOSED };
      yield* this.feed(this.restart(this.raw));
    }
    if (this.state !== State.SkipLine) {
      const item = this.endRecord(null);
      if (item) yield item;
    }
  }

  /**
   * Drops the current record, whose raw text is `raw`, and returns the text to read again:
   * what follows its first line (none if the error is on that line, whose rest is skipped).
   */
  private restart(raw: string): string {
    this.field = '';
    this.fields = [];
    this.raw = '';
    this.skipLF = false;
    this.line = this.recordLine;
    const newline = /\r\n|\n|\r/.exec(raw);
    if (!newline) {
      this.state = State.SkipLine;
      return '';
    }
    this.state = State.FieldStart;
    this.line = this.recordLine = this.recordLine + 1;
    const after = raw.slice(newline.index + newline[0].length);
    // A '\r' that ends the raw text may have its '\n' in the text still to read.
    this.skipLF = newline[0] === '\r' && after === '';
    return after;
  }

  private newLine(ch: string): void {
    this.line++;
    this.skipLF = ch === '\r';
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
  }

  /** Ends the record at a line break `ch` (null: the end of the text); null for an empty row. */
  private endRecord(ch: string | null): CsvItem | null {
    this.fields.push(this.field);
    const fields = this.fields;
    const line = this.recordLine;
    this.field = '';
    this.fields = [];
    this.raw = '';
    this.state = State.FieldStart;
    if (ch !== null) this.newLine(ch);
    this.recordLine = this.line;
    return fields.every((f) => f.trim() === '') ? null : { line, fields };
  }
}
