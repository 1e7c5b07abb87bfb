// Papers from a user's bibliography entries (BibTeX or CSL-JSON, already parsed): the same names a
// bundled paper gets (title prefix, coined names, spelling variants — derived at run time), its
// citation key as a name of its own, links from its identifiers, and the curated topics it fits.
import type { Lexicon } from '../library/lexicon';
import { paperLinks } from '../library/links';
import type { Alias, Paper } from '../library/model';
import { deriveNames, isStrictName, makeTokenFrequency } from '../library/nameDerivation';
import type { TopicClassifier } from '../library/topicClassifier';
import type { BibliographyEntry } from './bibliographyEntry';

/** What a paper is made from: a parsed entry (its type aside), or an entry the collection builds. */
export type EntryFields = Omit<BibliographyEntry, 'type'>;

export interface EntryConversion {
  /** The source's id (its file path) and the file, for origins and go-to-definition. */
  source: string;
  file?: string;
  lexicon: Lexicon;
  /** Assigns curated topics; without one, papers have none ("Other"). */
  classifier?: TopicClassifier;
}

/** An entry without a title says nothing a person could look up; it is skipped (and reported by the caller). */
export function papersFromEntries(entries: readonly EntryFields[], conversion: EntryConversion): Paper[] {
  const papers: Paper[] = [];
  for (const batch of paperBatches(entries, conversion, Infinity)) for (const paper of batch) papers.push(paper);
  return papers;
}

/**
 * `papersFromEntries` a batch of at most `size` papers at a time, made as each batch is asked for:
 * the library worker posts one batch while it makes the next. The batches together are exactly
 * `papersFromEntries` (same order; the classifier sees the entries in the same order).
 */
export function* paperBatches(entries: readonly EntryFields[], conversion: EntryConversion, size: number): Generator<Paper[]> {
  // Names many entries use ("Transformer", "BERT") are what they cite, not what they coin.
  const frequency = makeTokenFrequency(entries.map(e => `${e.title}\n${e.abstract ?? ''}`));
  let papers: Paper[] = [];
  for (const entry of entries) {
    if (papers.length >= size) {
      yield papers;
      papers = [];
    }
    if (!entry.title?.trim() || !entry.key) continue;
    const abstract = entry.abstract ?? '';
    const links = paperLinks({ arxiv: entry.arxiv, doi: entry.doi, url: entry.url }, abstract);
    const derived = deriveNames({ title: entry.title, abstract, links }, conversion.lexicon, frequency);
    const aliases: Alias[] = [...derived.aliases];
    if (!aliases.some(a => a.name === entry.key)) {
      const keyAlias: Alias = { name: entry.key, origin: 'key' };
      if (isStrictName(entry.key, conversion.lexicon)) keyAlias.strict = true;
      aliases.push(keyAlias);
    }
    const first = entry.authors[0];
    const paper: Paper = {
      id: entry.key,
      citationKey: entry.key,
      title: entry.title,
      abstract,
      firstAuthor: first ? first.family || first.display : '',
      shortName: derived.shortName,
      aliases,
      topics: conversion.classifier?.classify({ title: entry.title, abstract }).topics ?? [],
      links,
      origins: [{ source: conversion.source, key: entry.key, ...(conversion.file ? { file: conversion.file } : {}), line: entry.line }],
    };
    if (entry.authors.length) paper.authors = entry.authors.map(a => a.display);
    if (entry.year !== undefined) paper.year = entry.year;
    if (entry.month !== undefined) paper.month = entry.month;
    if (entry.doi) paper.doi = entry.doi;
    if (entry.arxiv) paper.arxiv = entry.arxiv;
    if (entry.venue) paper.venue = entry.venue;
    papers.push(paper);
  }
  if (papers.length) yield papers;
}
