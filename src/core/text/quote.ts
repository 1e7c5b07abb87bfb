// User input echoed back in a message ("no paper matches '…'"): one line, and short enough to read
// when someone pasted a paragraph into the search.

/** `text` on one line, clipped to `max` characters with an ellipsis. */
export function clipForMessage(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= max) return oneLine;
  // Never cut a surrogate pair in half.
  let end = max - 1;
  const code = oneLine.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${oneLine.slice(0, end)}…`;
}
