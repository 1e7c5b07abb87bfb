// Mention detection: every mention of a paper in a text.
//
//   const detector = new MentionDetector(corpus.papers);   // builds the name automaton once (~30 ms)
//   const mentions = detector.detect(document.getText());  // sorted, non-overlapping, UTF-16 offsets
//   const m = detector.mentionAt(mentions, offset);        // the mention under the cursor, or undefined
//
// A mention is `{ start, end, text, papers, ambiguous }`: `end` is exclusive, `text` is
// `input.slice(start, end)`, `papers` are paper ids best first, and `ambiguous` says that more than
// one remains ("Giraffe" without context). Only what the Paper objects carry is used, so a user's
// bibliography works the same as the bundled corpus. `detect` never throws and is synchronous; one
// detector serves any number of texts (it keeps scratch buffers between calls, so do not share it
// across worker threads).
export { type Mention, mentionAt, MentionDetector, type MentionTrace } from './detector';
