// Which files of a workspace folder Paper Lens reads for the workspace mention index: notes in the
// languages it looks for names in, minus what the user excluded (VS Code's `files.exclude` and
// `search.exclude` shapes, `.gitignore` files), minus files too large or binary. Pure: the caller
// reads directories and ignore files (src/node/workspaceFiles.ts) and hands over their contents, so
// the same rules run in Node, a worker and a browser. Paths are relative to the workspace folder,
// '/'-separated, without a leading './'.
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch/posix';

/** The extensions read by default: markdown, plain text and LaTeX, the languages hover works in. */
export const DEFAULT_NOTE_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.txt', '.tex'];

/**
 * Extensions of the language ids `paperLens.hover.languages` names. Only these three are known:
 * another language id has no file extension Paper Lens could assume (its files are still read
 * through `extensions`).
 */
const LANGUAGE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  markdown: ['.md', '.markdown'],
  plaintext: ['.txt'],
  latex: ['.tex'],
};

/** The file extensions of the given VS Code language ids (unknown ids contribute none). */
export function extensionsForLanguages(languageIds: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of languageIds) for (const ext of LANGUAGE_EXTENSIONS[id] ?? []) if (!out.includes(ext)) out.push(ext);
  return out;
}

/**
 * Files above this are not read: the editor's own limit for scanning an open document
 * (documentScanner's MAX_SCAN_CHARS, 10 M characters) and the CLI's 10 MB, so a note the editor
 * scans is one the workspace index scans. A stray log or dataset with a .txt name is skipped.
 */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** How much of a file the binary check reads: git's own heuristic looks at the first 8000 bytes. */
export const BINARY_SNIFF_BYTES = 8000;

/**
 * An exclude setting as VS Code stores `files.exclude` and `search.exclude`: a glob → `true`
 * (excluded), `false` (an inherited default switched off) or `{ when }` (excluded only when a
 * sibling exists: `{ "**\/*.js": { "when": "$(basename).ts" } }`).
 */
export type ExcludeSetting = Readonly<Record<string, boolean | { when?: unknown } | null | undefined>>;

/** VS Code's defaults for `files.exclude` and `search.exclude`: for callers without a workspace configuration (the CLI, the bench). */
export const VSCODE_DEFAULT_EXCLUDES: ExcludeSetting = {
  '**/.git': true,
  '**/.svn': true,
  '**/.hg': true,
  '**/.DS_Store': true,
  '**/Thumbs.db': true,
  '**/node_modules': true,
  '**/bower_components': true,
  '**/*.code-search': true,
};

export interface FileSelectionOptions {
  /** Extensions read, with the dot, any case (".md"); default DEFAULT_NOTE_EXTENSIONS. */
  extensions?: readonly string[];
  /** Exclude settings, applied together (later ones may switch an earlier glob off with `false`). */
  excludes?: readonly ExcludeSetting[];
  /** Whether `.gitignore` files are honoured (VS Code's `search.useIgnoreFiles`); default true. */
  useIgnoreFiles?: boolean;
  /** Ignore-file names read in every folder; default ['.gitignore']. */
  ignoreFileNames?: readonly string[];
  /** Default DEFAULT_MAX_FILE_BYTES. */
  maxFileBytes?: number;
}

/** Options with every default filled in: plain data, so it can be posted to a worker. */
export interface ResolvedFileSelection {
  extensions: string[];
  excludes: ExcludeSetting[];
  useIgnoreFiles: boolean;
  ignoreFileNames: string[];
  maxFileBytes: number;
}

export function resolveFileSelection(options: FileSelectionOptions = {}): ResolvedFileSelection {
  const extensions = (options.extensions ?? DEFAULT_NOTE_EXTENSIONS)
    .filter((e): e is string => typeof e === 'string' && e.length > 0)
    .map(e => (e.startsWith('.') ? e : `.${e}`).toLowerCase());
  const max = options.maxFileBytes;
  return {
    extensions: [...new Set(extensions)],
    excludes: [...(options.excludes ?? [])].filter(e => e && typeof e === 'object'),
    useIgnoreFiles: options.useIgnoreFiles ?? true,
    ignoreFileNames: [...(options.ignoreFileNames ?? ['.gitignore'])],
    maxFileBytes: typeof max === 'number' && max >= 0 ? max : DEFAULT_MAX_FILE_BYTES,
  };
}

/** Whether the file name ends in one of the (lower-case, dotted) extensions. */
export function hasNoteExtension(path: string, extensions: readonly string[]): boolean {
  const name = basename(path).toLowerCase();
  // ".md" alone is a hidden file without an extension, as VS Code sees it too.
  return extensions.some(ext => name.length > ext.length && name.endsWith(ext));
}

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

interface CompiledExclude {
  match: (path: string) => boolean;
  /** `$(basename)`-style sibling name, for `{ when }` entries. */
  when?: string;
}

/**
 * VS Code's exclude globs, compiled once. Like VS Code, `*` also matches names starting with a dot
 * (`**\/*.js` excludes `.eslintrc.js`), and a glob excludes a folder's whole content by matching the
 * folder: `isExcluded` checks every ancestor of a path, so a single changed file is judged the same
 * way a walk that never entered the folder would judge it.
 */
export class ExcludeGlobs {
  private readonly compiled: CompiledExclude[];

  constructor(settings: readonly ExcludeSetting[]) {
    // Later settings override earlier ones glob by glob (a workspace's `false` switches a default off).
    const merged = new Map<string, true | { when: string }>();
    for (const setting of settings) {
      for (const [glob, value] of Object.entries(setting)) {
        if (value === true) merged.set(glob, true);
        else if (value && typeof value === 'object' && typeof value.when === 'string') merged.set(glob, { when: value.when });
        else merged.delete(glob);
      }
    }
    this.compiled = [];
    for (const [glob, value] of merged) {
      const pattern = glob.replace(/^\.\//, '').replace(/\/+$/, '');
      if (!pattern) continue;
      const match = picomatch(pattern, { dot: true });
      this.compiled.push(value === true ? { match } : { match, when: value.when });
    }
  }

  get size(): number {
    return this.compiled.length;
  }

  /**
   * Whether `path` itself matches (not its ancestors: a walk checks each folder as it enters it).
   * `siblingExists` answers `{ when }` conditions; without it they never apply.
   */
  matches(path: string, siblingExists?: (name: string) => boolean): boolean {
    for (const c of this.compiled) {
      if (!c.match(path)) continue;
      if (c.when === undefined) return true;
      if (siblingExists) {
        const name = basename(path);
        const dot = name.lastIndexOf('.');
        const sibling = c.when.replace(/\$\(basename\)/g, dot > 0 ? name.slice(0, dot) : name);
        if (siblingExists(sibling)) return true;
      }
    }
    return false;
  }

  /** Whether `path` or any folder above it matches. */
  isExcluded(path: string, siblingExists?: (name: string) => boolean): boolean {
    if (!this.compiled.length) return false;
    let at = path.indexOf('/');
    while (at >= 0) {
      if (this.matches(path.slice(0, at))) return true;
      at = path.indexOf('/', at + 1);
    }
    return this.matches(path, siblingExists);
  }
}

/**
 * The rules of every ignore file met so far, each applying below its own folder, with git's
 * precedence: the deepest file that says anything about a path decides (a nested `!keep.md`
 * re-includes what a parent ignored), and nothing below an ignored folder comes back. The `ignore`
 * package supplies the per-file semantics (negation, anchoring, `dir/` patterns, escapes).
 */
export class IgnoreRules {
  /** Folder → its rules; folders with no ignore file have no entry. */
  private readonly layers = new Map<string, Ignore>();

  /** Adds an ignore file's content for `dir` ('' for the workspace folder). */
  add(dir: string, content: string): void {
    const key = dir.replace(/\/+$/, '');
    const existing = this.layers.get(key);
    if (existing) existing.add(content);
    else this.layers.set(key, ignore().add(content));
  }

  /** Whether any ignore file was added for `dir`. */
  has(dir: string): boolean {
    return this.layers.has(dir);
  }

  /** Whether `path` itself is ignored (ancestors are not checked: a walk prunes them). */
  ignoresEntry(path: string, isDirectory: boolean): boolean {
    if (!this.layers.size) return false;
    // Deepest folder first.
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const rules = this.layers.get(dir);
      if (rules) {
        const rel = dir ? path.slice(dir.length + 1) : path;
        const verdict = rules.test(isDirectory ? `${rel}/` : rel);
        if (verdict.ignored) return true;
        if (verdict.unignored) return false;
      }
      if (!dir) return false;
    }
  }

  /** Whether `path` or any folder above it is ignored. */
  ignores(path: string, isDirectory: boolean): boolean {
    if (!this.layers.size) return false;
    let at = path.indexOf('/');
    while (at >= 0) {
      if (this.ignoresEntry(path.slice(0, at), true)) return true;
      at = path.indexOf('/', at + 1);
    }
    return this.ignoresEntry(path, isDirectory);
  }
}

/** Why a file is not read, or undefined when it is. */
export type SkipReason = 'extension' | 'excluded' | 'ignored' | 'tooLarge' | 'binary';

/**
 * The whole "which files to read" decision for one workspace folder. A walk asks `skipsDirectory`
 * before entering a folder and `skipsFile` for each file; `skipsPath` judges a lone path (a file
 * created or renamed) with its ancestors, given that the caller has added the ignore files above it.
 */
export class FileSelection {
  readonly options: ResolvedFileSelection;
  readonly excludes: ExcludeGlobs;
  readonly ignoreRules = new IgnoreRules();

  constructor(options: FileSelectionOptions | ResolvedFileSelection = {}) {
    this.options = resolveFileSelection(options);
    this.excludes = new ExcludeGlobs(this.options.excludes);
  }

  /** Whether a folder and everything in it is left out. */
  skipsDirectory(path: string): SkipReason | undefined {
    if (this.excludes.matches(path)) return 'excluded';
    if (this.options.useIgnoreFiles && this.ignoreRules.ignoresEntry(path, true)) return 'ignored';
    return undefined;
  }

  /** Whether a file in a folder the walk entered is left out; `size` in bytes when known. */
  skipsFile(path: string, size?: number, siblingExists?: (name: string) => boolean): SkipReason | undefined {
    if (!hasNoteExtension(path, this.options.extensions)) return 'extension';
    if (this.excludes.matches(path, siblingExists)) return 'excluded';
    if (this.options.useIgnoreFiles && this.ignoreRules.ignoresEntry(path, false)) return 'ignored';
    if (size !== undefined && size > this.options.maxFileBytes) return 'tooLarge';
    return undefined;
  }

  /** `skipsFile` for a path whose folders were not walked: every ancestor is checked as well. */
  skipsPath(path: string, size?: number, siblingExists?: (name: string) => boolean): SkipReason | undefined {
    if (!hasNoteExtension(path, this.options.extensions)) return 'extension';
    if (this.excludes.isExcluded(path, siblingExists)) return 'excluded';
    if (this.options.useIgnoreFiles && this.ignoreRules.ignores(path, false)) return 'ignored';
    if (size !== undefined && size > this.options.maxFileBytes) return 'tooLarge';
    return undefined;
  }
}

/**
 * Whether bytes look like a binary file rather than text: a NUL byte in the first
 * BINARY_SNIFF_BYTES (git's and ripgrep's rule). UTF-16 text, whose NULs are half its bytes, is
 * recognised by its byte-order mark and is not binary.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return false;
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** The text of a note's bytes: UTF-8 unless a UTF-16 byte-order mark says otherwise; the BOM is dropped, as editors do. */
export function decodeNote(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
