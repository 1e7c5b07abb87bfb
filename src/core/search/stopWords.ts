// Words that carry no topic. Two lists because they are used differently:
//  - STOP_WORDS are never indexed and never searched (function words);
//  - QUERY_FILLER are the words of a question or a request ("how do I", "papers about", "can I run")
//    that an abstract may well contain but a searcher rarely means: kept in queries only as optional,
//    light terms (never required, never decisive), so
//    "is the effective context length of LLMs shorter than what they claim?" is ranked on
//    effective / context / length / LLMs / shorter / claim.

export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'nor', 'but', 'of', 'in', 'on', 'at', 'by', 'for', 'from', 'to', 'into',
  'onto', 'upon', 'with', 'within', 'without', 'via', 'as', 'than', 'then', 'so', 'such', 'that', 'this',
  'these', 'those', 'there', 'here', 'it', 'its', 'itself', 'is', 'are', 'was', 'were', 'be', 'been', 'being',
  'am', 'has', 'have', 'had', 'having', 'do', 'does', 'did', 'doing', 'done', 'will', 'would', 'shall',
  'should', 'can', 'could', 'may', 'might', 'must', 'we', 'our', 'ours', 'us', 'you', 'your', 'yours', 'i',
  'me', 'my', 'mine', 'he', 'him', 'his', 'she', 'her', 'hers', 'they', 'them', 'their', 'theirs', 'what',
  'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'whether', 'if', 'else', 'not', 'no',
  'yes', 'also', 'too', 'very', 'just', 'only', 'both', 'each', 'either', 'neither', 'all', 'any', 'some',
  'while', 'although', 'though', 'because', 'since', 'until', 'about', 'above', 'below', 'over', 'under',
  'again', 'further', 'once', 'etc', 'eg', 'ie', 'et', 'al', 'vs', 'versus', 'across', 'among', 'between',
  'through', 'during', 'before', 'after', 'toward', 'towards', 'per', 'even', 'ever', 'yet', 'still', 'out',
  'off', 'up', 'down',
]);

export const QUERY_FILLER: ReadonlySet<string> = new Set([
  'paper', 'papers', 'article', 'articles', 'work', 'works', 'study', 'studies', 'find', 'show', 'me',
  'looking', 'look', 'search', 'want', 'need', 'needs', 'know', 'tell', 'give', 'get', 'use', 'using',
  'used', 'way', 'ways', 'possible', 'really', 'actually', 'anything', 'something', 'someone', 'thing',
  'things', 'like', 'kind', 'good', 'much', 'lot', 'lots', 'approach', 'approaches', 'method', 'methods',
  'run', 'runs', 'running', 'ran', 'make', 'makes', 'making', 'help', 'helps',
]);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
