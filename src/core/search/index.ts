// The search core: ranked paper search and related papers, with no editor dependency.
export { isWeakResult, PaperSearch, type PaperSearchOptions, type SearchHit, type TermIndexFactory, type SearchOptions } from './paperSearch';
export { nameKey, planQuery, type Alternative, type Clause, type QueryPlan } from './queryPlan';
export { matchRanges, type Range } from './highlight';
export { analyze, normalizeText } from './text';
