// The edit engine's public types: an edit as the model sends it, the ladder's match levels, and the outcome.

/** One replacement: oldText is located in the file (through the matching ladder) and replaced by newText. */
export interface TextEdit {
  readonly oldText: string;
  readonly newText: string;
  /** Replace every place oldText matches instead of requiring exactly one. */
  readonly replaceAll?: boolean;
}

/** The ladder's rungs, strictest first. */
export type MatchLevel = 'exact' | 'trailing_whitespace' | 'line_endings' | 'line_numbers' | 'indentation' | 'similarity';

export const MATCH_LEVELS: readonly MatchLevel[] = ['exact', 'trailing_whitespace', 'line_endings', 'line_numbers', 'indentation', 'similarity'];

/** How one edit was placed: 1-based lines of the ORIGINAL text. */
export interface AppliedEdit {
  readonly level: MatchLevel;
  readonly startLine: number;
  readonly endLine: number;
  readonly replacements: number;
}

/** Never thrown: a failure is an error message a model can act on, with the index of the edit (or hunk) at fault. */
export type EditOutcome =
  | { readonly ok: true; readonly content: string; readonly applied: AppliedEdit[] }
  | { readonly ok: false; readonly error: string; readonly editIndex?: number };

/** How a text file is stored, so that it can be written back the way it was. */
export interface FileFormat {
  /** latin1: bytes that are not valid UTF-8, kept one byte per character. */
  readonly encoding: 'utf8' | 'utf16le' | 'utf16be' | 'latin1';
  readonly bom: boolean;
  /** The dominant line ending. */
  readonly eol: '\n' | '\r\n';
  /** Both CRLF and LF occur; such a file is written back with its line endings untouched. */
  readonly mixedEol: boolean;
  readonly finalNewline: boolean;
}

/** A half-open range of the original text and what replaces it. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Where one edit goes, or why it cannot be placed. */
export type Located =
  | { readonly ok: true; readonly level: MatchLevel; readonly spans: readonly Span[] }
  | { readonly ok: false; readonly error: string };
