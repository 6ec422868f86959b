/** One line (NDJSON) or row (CSV) of an input file, decoded but not yet validated. */
export interface Entry {
  /** 1-based line number where the record is, for error messages. */
  readonly line: number;
  /** Byte offset just after the record: where a resumed import would start. */
  readonly endOffset: number;
  /** The decoded value, when the line could be decoded. */
  readonly value?: unknown;
  /** Why the line could not be decoded. */
  readonly problem?: { readonly field: string; readonly message: string };
}

/** Where reading starts: the beginning of the file, or a resume point. */
export interface ReadStart {
  readonly offset: number;
  readonly line: number;
}

/** A reader yields entries in small arrays (one per chunk read), in file order. */
export type EntryReader = AsyncIterable<readonly Entry[]>;
