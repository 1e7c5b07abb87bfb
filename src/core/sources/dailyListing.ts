// Parses a Hugging Face daily-papers listing saved as text: some page chrome ("new", "Subscribe",
// "Daily Papers", a date), then for each paper a title line and an abstract line, separated by blank
// lines. Titles and abstracts are returned exactly as written (only surrounding whitespace trimmed).

export interface SeedEntry {
  title: string;
  abstract: string;
  /** 1-based line of the title, for error messages. */
  line: number;
}

export class SeedParseError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

/**
 * An abstract is prose: made of sentences, and either ending like one or longer than any title.
 * (Titles may contain "? " or "E.T. " but do not end with a full stop; abstracts may end with a URL.)
 */
function looksLikeAbstract(text: string): boolean {
  return text.length >= 100 && /\.\s+\S/.test(text) && (/[.!?]["'”)\]]?$/.test(text) || text.length >= 300);
}

/** A title is one line, shorter than any abstract, and not itself prose. */
function looksLikeTitle(text: string): boolean {
  return text.length >= 3 && text.length <= 400 && !looksLikeAbstract(text);
}

export function parseSeed(text: string): SeedEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const nonEmpty: { text: string; line: number }[] = [];
  lines.forEach((raw, i) => {
    const t = raw.trim();
    if (t) nonEmpty.push({ text: t, line: i + 1 });
  });

  // Page chrome ends where the first title/abstract pair starts.
  let i = 0;
  while (i + 1 < nonEmpty.length && !(looksLikeTitle(nonEmpty[i].text) && looksLikeAbstract(nonEmpty[i + 1].text))) i++;
  if (i + 1 >= nonEmpty.length) {
    throw new SeedParseError('no paper found (expected a title line followed by an abstract line)', nonEmpty[0]?.line ?? 1);
  }

  const entries: SeedEntry[] = [];
  for (; i < nonEmpty.length; i += 2) {
    const title = nonEmpty[i];
    const abstract = nonEmpty[i + 1];
    if (!looksLikeTitle(title.text)) {
      throw new SeedParseError(`expected a paper title, found ${title.text.length} characters of prose`, title.line);
    }
    if (!abstract) throw new SeedParseError(`title "${title.text}" has no abstract`, title.line);
    if (!looksLikeAbstract(abstract.text)) {
      throw new SeedParseError(`title "${title.text}" is followed by "${abstract.text.slice(0, 60)}", not an abstract`, abstract.line);
    }
    entries.push({ title: title.text, abstract: abstract.text, line: title.line });
  }
  return entries;
}
