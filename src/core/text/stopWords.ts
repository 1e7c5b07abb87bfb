// Words that carry no meaning for one purpose or another. One file, so a reader sees every list
// side by side; several lists, because the purposes differ and each was measured on its own:
//  - SEARCH_STOP_WORDS: function words, never indexed and never searched. Kept short: a word here
//    can never be found, so content words ("new", "first", "model") stay searchable.
//  - QUERY_FILLER: the words of a question or a request ("how do I", "papers about", "can I run")
//    that an abstract may well contain but a searcher rarely means: kept in queries only as optional,
//    light terms (never required, never decisive), so "is the effective context length of LLMs
//    shorter than what they claim?" is ranked on effective / context / length / LLMs / shorter / claim.
//  - EVIDENCE_STOP_WORDS: what a note's sentence says that is never evidence for one paper over
//    another — function words plus note-taking filler ("todo", "read", "paper", "new", "good"). Longer
//    than the search list on purpose: a note's filler words are in every paper's context and would
//    only add noise to the mention detector's evidence.
//  - CITATION_KEY_STOP_WORDS: title words skipped when a citation key takes a title's first word
//    ("Ring Attention with…" → ring, "How to Train…" → train); the keys people write by hand.
//  - NAME_SMALL_WORDS: words that never make a name on their own when a title prefix is derived as
//    a paper's name ("A" of "A Survey…"), English title-case small words.

export const SEARCH_STOP_WORDS: ReadonlySet<string> = new Set([
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

export const EVIDENCE_STOP_WORDS: ReadonlySet<string> = new Set(
  ('a an the and or nor but if then else than so as of to in on at by for from with without within into onto upon over under ' +
    'about above below after before between through during via per vs versus w wo etc eg ie cf al ' +
    'is are was were be been being am do does did done doing have has had having can could will would shall should may might must ' +
    'it its it\'s this that these those there here their they them we our us you your he she his her i me my mine one ones ' +
    'not no yes any all some each every both either neither other others another such same own only just also very much many more most ' +
    'less least few lot lots what which who whom whose when where why how whether while because since until though although ' +
    'up down out off again once too quite rather really still even ever never always often already yet now later soon ' +
    'new old good bad big small first last next get got gets make makes made use used uses using see saw seen say says said ' +
    'thing things way ways someone something anyone anything nothing everyone everything ask asks asked think thinks thought ' +
    'paper papers work works note notes todo read reading look looks like want wants need needs').split(/\s+/),
);

export const CITATION_KEY_STOP_WORDS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'is', 'it', 'how', 'when', 'what', 'why', 'can', 'do', 'does']);

export const NAME_SMALL_WORDS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'for', 'to', 'and', 'or', 'with', 'by', 'from', 'at', 'as', 'is', 'if', 'all', 'you', 'it', 'than', 'into', 'via']);
