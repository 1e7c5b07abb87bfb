// Where a cursor sits inside a LaTeX citation command: `\cite{`, `\citep[p. 3]{a,`, `\textcite{ke`.
// Completion offers citation keys there instead of paper names.

export interface CiteContext {
  /** The key being typed (after the last comma). */
  partial: string;
  /** Offset in the line prefix where that key starts. */
  keyStart: number;
}

const CITE = /\\(?:[a-zA-Z]*cite[a-zA-Z]*|nocite)\*?(?:\[[^\]\n]*\]){0,2}\{([^{}\n]*)$/;

/** The citation key being typed at the end of `linePrefix`, or undefined outside a citation. */
export function citeContext(linePrefix: string): CiteContext | undefined {
  const m = CITE.exec(linePrefix);
  if (!m) return undefined;
  const inside = m[1];
  const lastComma = inside.lastIndexOf(',');
  const raw = inside.slice(lastComma + 1);
  const partial = raw.trimStart();
  return { partial, keyStart: linePrefix.length - partial.length };
}
