// Positions in a text, ascending in typed arrays (break candidates, newlines, matches): phase two
// asks where a mention falls among them thousands of times a scan, nearly always just after where it
// last asked. A galloping search outward from that last answer takes a few steps then, and a
// logarithm at worst, so the asking stays linear in the text.
import { lookAroundWork } from './lookAroundWork';

/**
 * Index of the first of `values[0, count)` (ascending) that is ≥ `at` (`count` if none), searched
 * outward from `hint`, the index a previous search returned.
 */
export function firstAtOrAfter(values: Int32Array, count: number, at: number, hint: number): number {
  const h = hint < 0 ? 0 : hint > count ? count : hint;
  let lo: number;
  let hi: number;
  let bound = 1;
  if (h < count && values[h] < at) {
    // The answer is right of the hint: double the step until a value reaches `at`.
    while (h + bound < count && values[h + bound] < at) bound *= 2;
    lo = h + (bound >> 1) + 1;
    hi = Math.min(h + bound, count);
  } else {
    // The answer is the hint or left of it.
    while (h - bound >= 0 && values[h - bound] >= at) bound *= 2;
    lo = Math.max(0, h - bound + 1);
    hi = h - (bound >> 1);
  }
  let steps = 1;
  for (let b = bound; b > 1; b >>= 1) steps++;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < at) lo = mid + 1;
    else hi = mid;
    steps++;
  }
  lookAroundWork.steps += steps;
  return lo;
}
