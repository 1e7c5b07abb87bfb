// How much reading phase two's look-arounds do — characters, break positions and matches visited
// around a mention, binary-search probes — summed over every scan since the count was last reset.
// A test reads it to prove that a scan stays linear in the text whatever the text's shape (one
// long line, no whitespace, a line full of names), by counting work instead of timing it. Each
// look-around adds its steps once, after its loop, so the count costs nothing measurable.
export const lookAroundWork = { steps: 0 };
