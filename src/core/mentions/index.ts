// Mention detection: every mention of a paper in a text (see detector.ts).
export { type Mention, MentionDetector, type MentionTrace } from './detector';
