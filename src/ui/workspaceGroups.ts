// "In This Workspace" and "Show Notes Mentioning This Paper": what the workspace mention index
// holds, arranged for people. Papers are grouped exactly as the Papers tree groups them
// (paperGroups.ts: topic, year or none), most-mentioned first inside a group; a paper's notes are
// listed by how often they mention it; an occurrence reads as its line and a clipped preview.
// Pure, so unit tests cover it in Node.
import type { LibrarySnapshot } from '../core/library/library';
import type { Paper } from '../core/library/model';
import type { NoteMention, NoteMentionsOfPaper, PaperMentionCount } from '../core/workspace';
import { type GroupBy, groupPapers } from './paperGroups';

export interface WorkspacePaper {
  paper: Paper;
  /** Mentions naming the paper (ambiguous ones included) and notes with at least one. */
  mentions: number;
  ambiguous: number;
  notes: number;
}

export interface WorkspaceGroup {
  /** The Papers tree's group key ("topic:kv-cache", "year:2024", "all"). */
  key: string;
  label: string;
  tooltip?: string;
  papers: WorkspacePaper[];
  /** Mentions of the group's papers. */
  mentions: number;
}

/**
 * The mentioned papers, grouped like the Papers tree; inside a group, most mentions first, then
 * the tree's own order (year, then name). Counts of ids the library no longer has (a source was
 * removed and the notes are not rescanned yet) are left out rather than shown as unknown papers.
 */
export function groupWorkspacePapers(snapshot: Pick<LibrarySnapshot, 'topics' | 'paper'>, counts: readonly PaperMentionCount[], groupBy: GroupBy): WorkspaceGroup[] {
  const byId = new Map<string, WorkspacePaper>();
  for (const c of counts) {
    const paper = snapshot.paper(c.paper);
    if (paper && c.mentions > 0) byId.set(paper.id, { paper, mentions: c.mentions, ambiguous: c.ambiguous, notes: c.notes });
  }
  return groupPapers(snapshot, [...byId.values()].map(w => w.paper), groupBy).map(g => {
    // Array.prototype.sort is stable: equal counts keep groupPapers' year-then-name order.
    const papers = g.papers.map(p => byId.get(p.id)!).sort((a, b) => b.mentions - a.mentions);
    const group: WorkspaceGroup = { key: g.key, label: g.label, papers, mentions: papers.reduce((n, p) => n + p.mentions, 0) };
    if (g.tooltip) group.tooltip = g.tooltip;
    return group;
  });
}

/** A workspace folder as the labels need it: its index key (absolute, '/'-separated) and name. */
export interface RootFolder {
  path: string;
  name: string;
}

/**
 * How a note is named in lists: its path relative to its workspace folder, prefixed with the
 * folder's name when the workspace has several; the full path for a note outside them all.
 */
export function noteLabel(path: string, roots: readonly RootFolder[]): string {
  let best: RootFolder | undefined;
  for (const r of roots) {
    if (path.startsWith(`${r.path}/`) && (!best || r.path.length > best.path.length)) best = r;
  }
  if (!best) return path;
  const rel = path.slice(best.path.length + 1);
  return roots.length > 1 ? `${best.name}/${rel}` : rel;
}

export interface PaperNote {
  path: string;
  label: string;
  mentions: NoteMention[];
}

/** A paper's notes: most mentions first, then by label, so the notes that dwell on it come first. */
export function paperNotes(found: readonly NoteMentionsOfPaper[], roots: readonly RootFolder[]): PaperNote[] {
  return found
    .filter(n => n.mentions.length > 0)
    .map(n => ({ path: n.path, label: noteLabel(n.path, roots), mentions: n.mentions }))
    .sort((a, b) => b.mentions.length - a.mentions.length || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/**
 * An occurrence's preview as one line of text: the index's stretch of the line around the mention,
 * an ellipsis where the line was cut before it. Raw note text: callers show it as text, never markup.
 */
export function occurrenceText(m: Pick<NoteMention, 'preview' | 'previewStart' | 'character'>): string {
  const cut = m.character - m.previewStart > 0;
  return `${cut ? '…' : ''}${m.preview.replace(/[\r\n\t]+/g, ' ')}`;
}

/** The line hover cards and the details view show: "Mentioned in 3 notes". */
export function mentionedInText(notes: number): string {
  return `Mentioned in ${notes} note${notes === 1 ? '' : 's'}`;
}

/**
 * A paper's description in the workspace view, short enough for the default sidebar width (the
 * long "6 mentions in 3 notes" was cut off there): "3 notes · 6× · 2024", the notes first since
 * they are what the view answers, "(1 ambiguous)" when some mentions might mean another paper.
 */
export function workspacePaperDescription(w: WorkspacePaper): string {
  const parts = [`${w.notes} note${w.notes === 1 ? '' : 's'}`, `${w.mentions}×${w.ambiguous ? ` (${w.ambiguous} ambiguous)` : ''}`];
  if (w.paper.year !== undefined) parts.push(String(w.paper.year));
  return parts.join(' · ');
}
