/**
 * Sequence alignment for the diff: a longest common subsequence of two lists of keys (Myers' O(ND)
 * algorithm, "An O(ND) Difference Algorithm and Its Variations", 1986), and a longest increasing
 * subsequence. Pure and dependency-free; used for sibling lists (keys are name + class) and for the
 * lines of inline scripts.
 */

/** A matched pair: index in the first list, index in the second. Pairs ascend in both. */
export type IndexPair = readonly [number, number];

/**
 * Above this many edits the middle part is not aligned line by line: it is reported as replaced.
 * Memory grows with the square of the edit count (about 4·D² bytes); 4000 edits is 64 MB.
 */
export const MAX_EDITS = 4000;

/**
 * A longest common subsequence of `a` and `b`, as index pairs in ascending order. Among equally long
 * ones it prefers matching early elements early (a common prefix is always matched in place), which
 * is what a reader expects when a list holds duplicates.
 */
export function lcsPairs(a: readonly string[], b: readonly string[]): IndexPair[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const pairs: IndexPair[] = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  for (const [i, j] of myers(a.slice(start, endA), b.slice(start, endB))) pairs.push([i + start, j + start]);
  for (let i = endA, j = endB; i < a.length; i++, j++) pairs.push([i, j]);
  return pairs;
}

/** Myers' greedy forward search, keeping each round's frontier to walk the path back. */
function myers(a: readonly string[], b: readonly string[]): IndexPair[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // Frontier at the start of round d, for diagonals -(d+1)..d+1 (index k + d + 1).
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    if (d > MAX_EDITS) return [];
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  const pairs: IndexPair[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const frontier = trace[d]!;
    const at = (k: number): number => frontier[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      pairs.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  return pairs.reverse();
}

/**
 * The positions (indexes into `values`) of a longest strictly increasing subsequence, ascending.
 * Among equally long ones the earliest-ending is kept (patience sorting).
 */
export function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = []; // tails[len-1] = position of the smallest tail of an increasing run of length len
  const prev = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) out.push(i);
  return out.reverse();
}
