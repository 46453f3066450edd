// Text search over the workspace (ripgrep where available); results are already limited by the implementation.

export interface SearchQuery {
  readonly query: string;
  /** Absolute folder or file to search in, already checked to be inside the workspace. */
  readonly path: string;
  readonly glob?: string;
  readonly regex: boolean;
  readonly maxResults: number;
}

export interface SearchMatch {
  /** Absolute path of the file. */
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

export interface SearchResult {
  readonly matches: readonly SearchMatch[];
  /** True when more matches existed than maxResults. */
  readonly truncated: boolean;
  /** Which engine ran, e.g. "ripgrep" or "node". */
  readonly engine: string;
}

export interface TextSearch {
  /** Rejects with an Error whose message is fit for the model (e.g. an invalid regex). */
  search(query: SearchQuery, signal: AbortSignal): Promise<SearchResult>;
}
