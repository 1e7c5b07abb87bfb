// Answers as the arXiv API and the Hugging Face daily-papers API give them, for the parser tests
// and the local test server. The Atom follows the arXiv API User's Manual (§3.3, §3.4, §5.2) and the
// shape of its current answers: a feed header with the canonical query and opensearch counts,
// entries whose titles and summaries are hard-wrapped and indented, `http://arxiv.org/abs/<id>v<n>`
// ids, an arxiv:affiliation inside some authors, arxiv:doi / journal_ref / comment when the authors
// gave them, and links in the order alternate, pdf, doi. Abstracts are shortened paraphrases.

/** Entries by id without version, each as the API writes it inside <feed>. */
export const ENTRIES: Record<string, string> = {
  '2410.10819': `
  <entry>
    <id>http://arxiv.org/abs/2410.10819v1</id>
    <updated>2024-10-14T17:59:58Z</updated>
    <published>2024-10-14T17:59:58Z</published>
    <title>DuoAttention: Efficient Long-Context LLM Inference with Retrieval and
  Streaming Heads</title>
    <summary>  Deploying long-context large language models (LLMs) is essential but poses
significant computational and memory challenges. Caching all Key and Value (KV)
states across all attention heads consumes substantial memory. We find that only
a fraction of attention heads, a.k.a, Retrieval Heads, are critical for
processing long contexts &amp; require full attention across all tokens, while the
other heads (Streaming Heads) attend mostly to recent tokens and attention sinks.
</summary>
    <author>
      <name>Guangxuan Xiao</name>
    </author>
    <author>
      <name>Jiaming Tang</name>
    </author>
    <author>
      <name>Jingwei Zuo</name>
    </author>
    <author>
      <name>Junxian Guo</name>
    </author>
    <author>
      <name>Shang Yang</name>
    </author>
    <author>
      <name>Haotian Tang</name>
    </author>
    <author>
      <name>Yao Fu</name>
    </author>
    <author>
      <name>Song Han</name>
    </author>
    <link href="http://arxiv.org/abs/2410.10819v1" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/2410.10819v1" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,

  '2309.12307': `
  <entry>
    <id>http://arxiv.org/abs/2309.12307v3</id>
    <updated>2024-03-08T04:16:54Z</updated>
    <published>2023-09-21T17:59:11Z</published>
    <title>LongLoRA: Efficient Fine-tuning of Long-Context Large Language Models</title>
    <summary>  We present LongLoRA, an efficient fine-tuning approach that extends the
context sizes of pre-trained large language models (LLMs), with limited
computation cost. Typically, training LLMs with long context sizes is
computationally expensive, requiring extensive training hours and GPU
resources. For example, training on the context length of 8192 needs 16x
computational costs in self-attention layers as that of 2048.
</summary>
    <author>
      <name>Yukang Chen</name>
    </author>
    <author>
      <name>Shengju Qian</name>
    </author>
    <author>
      <name>Haotian Tang</name>
    </author>
    <author>
      <name>Xin Lai</name>
    </author>
    <author>
      <name>Zhijian Liu</name>
    </author>
    <author>
      <name>Song Han</name>
    </author>
    <author>
      <name>Jiaya Jia</name>
    </author>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">Code, models, dataset, and demo are available at
  https://github.com/dvlab-research/LongLoRA</arxiv:comment>
    <link href="http://arxiv.org/abs/2309.12307v3" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/2309.12307v3" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.AI" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,

  '2309.17453': `
  <entry>
    <id>http://arxiv.org/abs/2309.17453v4</id>
    <updated>2024-04-07T02:24:37Z</updated>
    <published>2023-09-29T17:59:56Z</published>
    <title>Efficient Streaming Language Models with Attention Sinks</title>
    <summary>  Deploying Large Language Models (LLMs) in streaming applications such as
multi-round dialogue, where long interactions are expected, is urgently needed
but poses two major challenges. Firstly, during the decoding stage, caching
previous tokens' Key and Value states (KV) consumes extensive memory. Secondly,
popular LLMs cannot generalize to longer texts than the training sequence
length.
</summary>
    <author>
      <name>Guangxuan Xiao</name>
    </author>
    <author>
      <name>Yuandong Tian</name>
    </author>
    <author>
      <name>Beidi Chen</name>
    </author>
    <author>
      <name>Song Han</name>
    </author>
    <author>
      <name>Mike Lewis</name>
    </author>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">ICLR 2024</arxiv:comment>
    <link href="http://arxiv.org/abs/2309.17453v4" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/2309.17453v4" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.AI" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,

  '1706.03762': `
  <entry>
    <id>http://arxiv.org/abs/1706.03762v7</id>
    <updated>2023-08-02T00:41:18Z</updated>
    <published>2017-06-12T17:57:34Z</published>
    <title>Attention Is All You Need</title>
    <summary>  The dominant sequence transduction models are based on complex recurrent or
convolutional neural networks in an encoder-decoder configuration. The best
performing models also connect the encoder and decoder through an attention
mechanism. We propose a new simple network architecture, the Transformer, based
solely on attention mechanisms, dispensing with recurrence and convolutions
entirely. Our model achieves 28.4 BLEU on the WMT 2014 English-to-German
translation task, improving over the existing best results by over 2 BLEU.
</summary>
    <author>
      <name>Ashish Vaswani</name>
    </author>
    <author>
      <name>Noam Shazeer</name>
    </author>
    <author>
      <name>Niki Parmar</name>
    </author>
    <author>
      <name>Jakob Uszkoreit</name>
    </author>
    <author>
      <name>Llion Jones</name>
    </author>
    <author>
      <name>Aidan N. Gomez</name>
    </author>
    <author>
      <name>Lukasz Kaiser</name>
    </author>
    <author>
      <name>Illia Polosukhin</name>
    </author>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">15 pages, 5 figures</arxiv:comment>
    <link href="http://arxiv.org/abs/1706.03762v7" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/1706.03762v7" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,

  'hep-th/9711200': `
  <entry>
    <id>http://arxiv.org/abs/hep-th/9711200v3</id>
    <updated>1998-01-22T19:22:01Z</updated>
    <published>1997-11-27T02:55:19Z</published>
    <title>The Large N Limit of Superconformal Field Theories and Supergravity</title>
    <summary>  We show that the large $N$ limit of certain conformal field theories in
various dimensions include in their Hilbert space a sector describing
supergravity on the product of Anti-deSitter spacetimes, spheres and other
compact manifolds. This is shown by taking some branes in string theory and
taking a low energy limit where the field theory on the brane decouples from
the bulk.
</summary>
    <author>
      <name>Juan M. Maldacena</name>
      <arxiv:affiliation xmlns:arxiv="http://arxiv.org/schemas/atom">Harvard University</arxiv:affiliation>
    </author>
    <arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">10.1023/A:1026654312961</arxiv:doi>
    <link title="doi" href="http://dx.doi.org/10.1023/A:1026654312961" rel="related"/>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">20 pages, harvmac, v2: section on AdS_2 corrected, references added,
  v3: more references</arxiv:comment>
    <arxiv:journal_ref xmlns:arxiv="http://arxiv.org/schemas/atom">Adv.Theor.Math.Phys.2:231-252,1998</arxiv:journal_ref>
    <link href="http://arxiv.org/abs/hep-th/9711200v3" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/hep-th/9711200v3" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="hep-th" scheme="http://arxiv.org/schemas/atom"/>
    <category term="hep-th" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,

  // A title that contains another paper's whole title: a phrase search for "Attention Is All You
  // Need" returns both, and only the exact one is that paper.
  '2010.13154': `
  <entry>
    <id>http://arxiv.org/abs/2010.13154v2</id>
    <updated>2021-03-08T17:42:04Z</updated>
    <published>2020-10-25T16:30:12Z</published>
    <title>Attention is All You Need in Speech Separation</title>
    <summary>  Recurrent Neural Networks (RNNs) have long been the dominant architecture in
sequence-to-sequence learning. RNNs, however, are inherently sequential models
that do not allow parallelization of their computations. Transformers are
emerging as a natural alternative to standard RNNs, replacing recurrent
computations with a multi-head attention mechanism.
</summary>
    <author>
      <name>Cem Subakan</name>
    </author>
    <author>
      <name>Mirco Ravanelli</name>
    </author>
    <author>
      <name>Samuele Cornell</name>
    </author>
    <author>
      <name>Mirko Bronzi</name>
    </author>
    <author>
      <name>Jianyuan Zhong</name>
    </author>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">Accepted to ICASSP 2021</arxiv:comment>
    <link href="http://arxiv.org/abs/2010.13154v2" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/2010.13154v2" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="eess.AS" scheme="http://arxiv.org/schemas/atom"/>
    <category term="eess.AS" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.SD" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,

  // Entities as the API escapes them (&amp; &lt; &gt;), plus a numeric reference and a wrapped,
  // doubly spaced title, to check decoding and whitespace normalisation.
  '2402.13753': `
  <entry>
    <id>http://arxiv.org/abs/2402.13753v1</id>
    <updated>2024-02-21T12:30:33Z</updated>
    <published>2024-02-21T12:30:33Z</published>
    <title>LongRoPE: Extending LLM Context Window Beyond 2 Million Tokens   &amp;
  Keeping Performance at &lt;4k</title>
    <summary>  Large context window is a desirable feature in large language models (LLMs).
However, due to high fine-tuning costs, scarcity of long texts, and
catastrophic values introduced by new token positions, current extended
context windows are limited to around 128k tokens. This paper introduces
LongRoPE that, for the first time, extends the context window of pre-trained
LLMs to an impressive 2048k tokens, with up to only 1k fine-tuning steps at
within 256k training lengths, while maintaining performance at the original
short context window (x &gt; 0 &amp;&amp; y &lt; 1 &#8212; caf&#233;).
</summary>
    <author>
      <name>Yiran Ding</name>
    </author>
    <author>
      <name>Li Lyna Zhang</name>
    </author>
    <author>
      <name>Chengruidong Zhang</name>
    </author>
    <author>
      <name>Yuanyuan Xu</name>
    </author>
    <author>
      <name>Ning Shang</name>
    </author>
    <author>
      <name>Jiahang Xu</name>
    </author>
    <author>
      <name>Fan Yang</name>
    </author>
    <author>
      <name>Mao Yang</name>
    </author>
    <link href="http://arxiv.org/abs/2402.13753v1" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/2402.13753v1" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,
};

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A whole answer around `entries`, with the header the API writes for `query`. */
export function atomFeed(entries: readonly string[], query: { searchQuery?: string; idList?: string; start?: number; maxResults?: number } = {}): string {
  const canonical = `search_query=${query.searchQuery ?? ''}&id_list=${query.idList ?? ''}&start=${query.start ?? 0}&max_results=${query.maxResults ?? 10}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?${escapeXml(canonical)}" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: ${escapeXml(canonical)}</title>
  <id>http://arxiv.org/api/Fq9hKd1W3b0m2T7x4sLw5uQ2yZc</id>
  <updated>2025-02-18T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${entries.length}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${query.start ?? 0}</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${query.maxResults ?? 10}</opensearch:itemsPerPage>${entries.join('')}
</feed>
`;
}

/** The API's error answer (User's Manual §3.4), e.g. for `id_list=1234.12345`. */
export function atomErrorFeed(code: string, message: string, idList = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <link xmlns="http://www.w3.org/2005/Atom" href="http://arxiv.org/api/query?search_query=&amp;id_list=${escapeXml(idList)}" rel="self" type="application/atom+xml"/>
  <title xmlns="http://www.w3.org/2005/Atom">ArXiv Query: search_query=&amp;id_list=${escapeXml(idList)}</title>
  <id xmlns="http://www.w3.org/2005/Atom">http://arxiv.org/api/kvuntZ8c9a4Eq5CF7KY03nMug+Q</id>
  <updated xmlns="http://www.w3.org/2005/Atom">2025-02-18T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:itemsPerPage>
  <entry xmlns="http://www.w3.org/2005/Atom">
    <id xmlns="http://www.w3.org/2005/Atom">http://arxiv.org/api/errors#${escapeXml(code)}</id>
    <title xmlns="http://www.w3.org/2005/Atom">Error</title>
    <summary xmlns="http://www.w3.org/2005/Atom">${escapeXml(message)}</summary>
    <updated xmlns="http://www.w3.org/2005/Atom">2025-02-18T00:00:00-05:00</updated>
    <link xmlns="http://www.w3.org/2005/Atom" href="http://arxiv.org/api/errors#${escapeXml(code)}" rel="alternate" type="text/html"/>
    <author xmlns="http://www.w3.org/2005/Atom">
      <name xmlns="http://www.w3.org/2005/Atom">arXiv api core</name>
    </author>
  </entry>
</feed>
`;
}

/** How older deployments answered an id they do not have: an entry with an id and nothing else. */
export function emptyEntry(id: string): string {
  return `
  <entry>
    <id>http://arxiv.org/abs/${id}</id>
    <title/>
    <summary/>
  </entry>`;
}

/** One day of the Hugging Face daily-papers API (`/api/daily_papers?date=…`), as its JSON is shaped. */
export const DAILY_PAPERS: Record<string, unknown[]> = {
  '2025-02-18': [
    {
      paper: {
        id: '2502.12345',
        authors: [
          { _id: '67b3f0a1c2d4e5f6a7b8c901', name: 'Mei Lin', hidden: false },
          { _id: '67b3f0a1c2d4e5f6a7b8c902', name: 'Tomás  Ruiz', hidden: false, user: { _id: '6401aa', user: 'truiz', fullname: 'Tomás Ruiz', type: 'user' } },
          { _id: '67b3f0a1c2d4e5f6a7b8c903', name: 'Ada Okafor', hidden: false },
        ],
        publishedAt: '2025-02-17T18:59:01.000Z',
        submittedOnDailyAt: '2025-02-18T01:12:44.218Z',
        title: 'Sparse Frontier: Long-Context Retrieval\n  with Learned Block Sparsity',
        summary: 'Long-context inference is dominated by attention over the KV cache.\nWe learn which blocks\nto keep <b>per head</b> &amp; show 3x speedups.',
        upvotes: 42,
        discussionId: '67b3f0a1c2d4e5f6a7b8c9ff',
        githubRepo: 'https://github.com/example/sparse-frontier',
        ai_summary: 'Learned block sparsity speeds up long-context attention.',
        ai_keywords: ['KV cache', 'block sparsity'],
      },
      publishedAt: '2025-02-18T01:12:44.218Z',
      title: 'Sparse Frontier: Long-Context Retrieval with Learned Block Sparsity',
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2502.12345.png',
      numComments: 2,
      submittedBy: { _id: '6401aa', avatarUrl: '/avatars/x.svg', fullname: 'Tomás Ruiz', name: 'truiz', type: 'user', isPro: false },
      isAuthorParticipating: true,
    },
    {
      paper: {
        id: '2410.10819',
        authors: [{ _id: 'a1', name: 'Guangxuan Xiao', hidden: false }, { _id: 'a2', name: 'Song Han', hidden: false }],
        publishedAt: '2024-10-14T17:59:58.000Z',
        title: 'DuoAttention: Efficient Long-Context LLM Inference with Retrieval and Streaming Heads',
        summary: 'Deploying long-context large language models (LLMs) is essential but poses\nsignificant computational and memory challenges.',
        upvotes: 7,
        projectPage: 'javascript:alert(1)',
      },
      publishedAt: '2025-02-18T03:00:00.000Z',
      title: 'DuoAttention: Efficient Long-Context LLM Inference with Retrieval and Streaming Heads',
      numComments: 0,
    },
    // Partial and malformed items, as a changed or broken API could send them.
    { paper: { id: '2502.11111', authors: [{ name: 'No Title' }], publishedAt: '2025-02-17T10:00:00.000Z', summary: 'An abstract without a title.' } },
    { paper: 'not an object' },
    { paper: { id: 'not-an-id', title: 'A title', summary: 'x', authors: [], publishedAt: '2025-02-17T10:00:00.000Z' } },
    { paper: { id: '2502.22222', title: 'No date', summary: 'x', authors: [{ name: 'A' }] } },
    null,
  ],
  '2025-02-16': [],
};
