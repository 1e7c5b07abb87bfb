// arXiv references in free text (notes, drafts, LaTeX): links to arxiv.org, `arXiv:` identifiers,
// arXiv DOIs, and bare new-style ids in prose. The id grammar itself (which months and digit
// counts exist, the old-style archives) lives in library/arxivId.ts; this file only decides where an
// id stands in a text and whether its surroundings make it an id rather than part of a number,
// version string, IP address or file path.
//
// One regular expression scans the text once. Every alternative starts with a fixed literal or
// a bounded run of digits and looks at most one character behind, and every repetition in it is
// bounded, so each start position costs O(1) and the whole scan is linear in the text's length
// whatever its shape (a 1 MB line of digits, of dots, of `](`…). The only other work is the
// markdown-link check, which walks back over text no earlier walk has crossed (see mergeMarkdownLink).
import { NEW_ID_SOURCE, OLD_ID_SOURCE, parseArxivId } from '../library/arxivId';

export type ArxivReferenceKind = 'link' | 'prefixed' | 'bare';

export interface ArxivReference {
  /** UTF-16 offset of the first character (the scheme of a link, the `a` of `arXiv:`). */
  start: number;
  /** UTF-16 offset just past the last character (end exclusive). */
  end: number;
  /** Normalised id without version: "2502.12345", "hep-th/9901001". */
  id: string;
  /** "v2", when the reference names a version. */
  version?: string;
  kind: ArxivReferenceKind;
}

const ID = `(?:${NEW_ID_SOURCE}|${OLD_ID_SOURCE})`;
// Versions are bounded so that a run of digits after `v` cannot make one attempt long; no arXiv
// paper has more than a few dozen versions.
const VERSION = (group: string) => String.raw`(?:v(?<${group}>\d{1,4}))?`;

// Not preceded by something that makes the match the tail of a longer token: a word character
// (`v2502.12345`, `12502.12345`, `myarxiv.org`), a dot (`1.2502.12345`, `192.168.2502.12345`),
// a slash (a path or another site's URL: `/files/2502.12345.png`), `@`, or a hyphen.
const NOT_INSIDE_TOKEN = String.raw`(?<![\w.\/@-])`;

// A link, with or without scheme and `www.`/`export.`: abs, pdf and html pages (a version, a
// `.pdf` suffix), and the DOI arXiv mints (10.48550/arXiv.<id>) as a doi.org link.
const LINK = NOT_INSIDE_TOKEN
  + String.raw`(?:https?:\/\/)?(?:(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/|(?:dx\.)?doi\.org\/10\.48550\/arxiv\.)`
  + `(?<link>${ID})${VERSION('linkVersion')}` + String.raw`(?:\.pdf)?`
  // The id must end here: not `2502.123456`, not `2502.12345.6`.
  + String.raw`(?![\w-]|\.\d)`
  // The rest of the URL belongs to the reference (a trailing slash, `?context=cs`, `#S3`), so that
  // the span is the whole URL an editor would replace; bounded, and never ending in sentence
  // punctuation (`see arxiv.org/abs/X?` asks a question, it has no query).
  + String.raw`\/?(?:[?#][^\s()<>\[\]{}"'\x60]{0,199}[^\s()<>\[\]{}"'\x60.,;:!?])?`;

// `arXiv:2502.12345`, `arXiv: 2502.12345v2`, `arxiv:hep-th/9901001`, and the DOI written out
// (`10.48550/arXiv.2502.12345`, `doi:10.48550/…`). At most two blanks after the colon, so that one
// attempt stays short.
const PREFIXED = NOT_INSIDE_TOKEN
  + String.raw`(?:arxiv[ \t]?:[ \t\u00a0]{0,2}|(?:doi:[ \t]?)?10\.48550\/arxiv\.)`
  + `(?<prefixed>${ID})${VERSION('prefixedVersion')}`
  + String.raw`(?![\w-]|[.\/]\d)`;

// A bare new-style id in prose (`see 2502.12345 for`). Old-style ids are only taken with a prefix
// or in a link: bare, `math/0309136` is as likely a path. Besides NOT_INSIDE_TOKEN, a bare id may not
// follow `\`, `#`, `$`, `%`, `&`, `+`, `=`, `~` or `:` (markup, anchors, amounts, `12:2502.12345`),
// nor be followed by a word character, `%`, or `.`/`:`/`/` and a word character (a decimal part,
// a file extension: `2502.12345.6`, `2502.12345.png`, `2502.12345/figures`).
const BARE = String.raw`(?<![\w.\/\\@#$%&+=~:-])`
  + `(?<bare>${NEW_ID_SOURCE})${VERSION('bareVersion')}`
  + String.raw`(?![\w%-]|[.:\/]\w)`;

const REFERENCE = new RegExp(`${LINK}|${PREFIXED}|${BARE}`, 'gi');

/**
 * The arXiv references in `text`, sorted by position and non-overlapping. A markdown link
 * `[text](https://arxiv.org/abs/X)` counts once: the reference is the URL, and an id repeated in the
 * link text (`[arXiv:X](…)`) is not reported again. Never throws; linear in `text.length`.
 */
export function findArxivReferences(text: string): ArxivReference[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const found: ArxivReference[] = [];
  // A fresh copy per call: the shared one's lastIndex would make concurrent callers (a re-entrant
  // call from a property test, say) interfere.
  const re = new RegExp(REFERENCE.source, REFERENCE.flags);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const g = m.groups ?? {};
    const kind: ArxivReferenceKind = g.link !== undefined ? 'link' : g.prefixed !== undefined ? 'prefixed' : 'bare';
    const rawId = g.link ?? g.prefixed ?? g.bare ?? '';
    const rawVersion = g.linkVersion ?? g.prefixedVersion ?? g.bareVersion;
    // The grammar above admits a month and digit count together that never existed (0612.12345:
    // five digits before 2015); parseArxivId knows which pairs are real.
    const parsed = parseArxivId(rawVersion === undefined ? rawId : `${rawId}v${rawVersion}`);
    if (!parsed) continue;
    const ref: ArxivReference = { start: m.index, end: m.index + m[0].length, id: parsed.id, kind };
    if (parsed.version) ref.version = parsed.version;
    if (kind === 'link') mergeMarkdownLink(text, found, ref.start);
    found.push(ref);
  }
  return found;
}

/**
 * When the link at `linkStart` is the target of a markdown link (`[...](` right before it), drops the
 * references already found inside its `[...]` text: the link is the one reference. Walks back from
 * the `](` to the opening `[`, stepping over earlier references (none holds a bracket). The walk
 * stops at any `]`, so it never crosses an earlier markdown link's `](`: walks cover disjoint
 * stretches of the text and their total is linear.
 */
function mergeMarkdownLink(text: string, found: ArxivReference[], linkStart: number): void {
  let i = linkStart - 1;
  if (text[i] === '<') i--; // [text](<https://…>)
  if (i < 1 || text[i] !== '(' || text[i - 1] !== ']') return;
  let k = found.length;
  for (let j = i - 2; j >= 0; j--) {
    if (k > 0 && j < found[k - 1].end) {
      j = found[k - 1].start;
      k--;
      continue;
    }
    const c = text.charCodeAt(j);
    if (c === 0x5b /* [ */) {
      found.length = k;
      return;
    }
    // A `]` is another bracket pair's end; a blank line ends a markdown paragraph.
    if (c === 0x5d /* ] */ || (c === 0x0a && j > 0 && text.charCodeAt(j - 1) === 0x0a)) return;
  }
}
