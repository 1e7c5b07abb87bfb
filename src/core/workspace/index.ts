// The workspace mention index: which notes of a folder mention which papers, kept current note by
// note and cached between sessions.
//
//   const selection = new FileSelection({ extensions, excludes: [filesExclude, searchExclude] });
//   const index = new WorkspaceMentionIndex();
//   const fp = libraryFingerprint(papers, extensionVersion);
//   const plan = planScan(index, filesOnDisk, fp);            // what changed since the cache
//   index.setNote({ path, size, mtime, fingerprint: fp, mentions: packNoteMentions(detector, text) });
//   index.papers();  index.mentionsOf(id);  index.notesOf(id);
//   for (const line of encodeCache(index.entries())) write(line);   // and CacheReader to read back
//
// Pure: no file system, no worker, no `vscode` (src/node/workspaceScanner.ts does the I/O).
export { CACHE_FORMAT, CACHE_VERSION, type CacheHeader, CacheFormatError, CacheReader, type CacheTables, cacheTables, CacheWriter, decodeCache, encodeCache } from './cacheFormat';
export {
  BINARY_SNIFF_BYTES,
  decodeNote,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_NOTE_EXTENSIONS,
  ExcludeGlobs,
  type ExcludeSetting,
  extensionsForLanguages,
  FileSelection,
  type FileSelectionOptions,
  hasNoteExtension,
  IgnoreRules,
  looksBinary,
  type ResolvedFileSelection,
  resolveFileSelection,
  type SkipReason,
  VSCODE_DEFAULT_EXCLUDES,
} from './filePolicy';
export { hash53, libraryFingerprint } from './fingerprint';
export { comparePaths, type IndexChange, type NoteEntry, type NoteMentionsOfPaper, type NoteStamp, type PaperMentionCount, WorkspaceMentionIndex } from './mentionIndex';
export {
  isValidPacked,
  MENTION_FIELDS,
  type MentionFinder,
  mentionCount,
  NO_MENTIONS,
  type NoteMention,
  noteMentions,
  packMentions,
  type PackedMentions,
  packNoteMentions,
  paperLists,
  PREVIEW_AFTER,
  PREVIEW_BEFORE,
  unpackMention,
  unpackMentions,
} from './noteMentions';
export { type NoteFile, planScan, type ScanPlan } from './scanPlan';
