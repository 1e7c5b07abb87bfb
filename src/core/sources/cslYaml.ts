// CSL-YAML (pandoc's `references:` and Better BibTeX's YAML export) → bibliography entries, through
// the `yaml` library, whose nodes carry source ranges, so items get their lines as CSL-JSON's do.
// Apart from cslJson.ts so that only the readers of library files carry the YAML parser.
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { ParseResult } from './bibliographyEntry';
import { readItems } from './cslJson';

/** CSL-YAML: a list of items, or pandoc's `references:` list (in a `---` block). Never throws. */
export function parseCslYaml(text: string, file: string): ParseResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) return { entries: [], problems: [] };
  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    return { entries: [], problems: [{ file, line: 1, message: `not valid YAML: ${e instanceof Error ? e.message : String(e)}`, severity: 'error' }] };
  }
  if (doc.errors.length) {
    const e = doc.errors[0];
    const { line, col } = lineCounter.linePos(e.pos[0]);
    return { entries: [], problems: [{ file, line, column: col, message: `YAML syntax error at line ${line}, column ${col}: ${e.message.split('\n')[0]}`, severity: 'error' }] };
  }
  let list: YamlNode | null | undefined = doc.contents as YamlNode | null;
  if (isMap(list)) list = list.get('references', true) as YamlNode | undefined;
  if (!isSeq(list)) {
    return { entries: [], problems: [{ file, line: 1, message: 'expected a YAML list of CSL items (or a `references:` list)', severity: 'error' }] };
  }
  const nodes = list.items as unknown[];
  const lines = nodes.map(n => {
    const range = (n as { range?: [number, number, number] } | null)?.range;
    return range ? lineCounter.linePos(range[0]).line : 1;
  });
  const items = nodes.map(n => (n && typeof (n as YamlNode).toJSON === 'function' ? (n as YamlNode).toJSON() : n));
  return readItems(items, lines, file);
}
