// The workspace mention index (in progress): which files of a folder are notes.
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
