// The markdown preview's paper names: a markdown-it plugin (see paperMentionsPlugin.ts).
//
//   extendMarkdownIt: md => md.use(paperMentionsPlugin, { finder: () => detector, paper: id => library.paper(id), enabled: () => setting })
export { MENTION_CLASS, paperHref, type PaperMentionsPluginOptions, paperMentionsPlugin, type PreviewMentionFinder, type PreviewPaper } from './paperMentionsPlugin';
