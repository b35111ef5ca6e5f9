/**
 * WQL LIKE (REFERENCE.md §11, WMI SDK "LIKE Operator"): `%` any run of characters (also none),
 * `_` exactly one character, `[a-f]` / `[abcdef]` one character of a range or set, `[^a-f]` one
 * character outside it. The whole value must match, case-insensitively. WQL has no escape
 * character: a literal `%`, `_` or `[` is written in brackets (`[%]`, `[_]`, `[[]`), and a
 * backslash in a pattern is an ordinary character.
 *
 * Decisions where the SDK is silent:
 * - `]` right after `[` or `[^` is a member of the set (`[]]` matches `]`); `-` first or last in a
 *   set is a member; a range written backwards (`[f-a]`) contains nothing.
 * - A `[` with no closing `]` is an ordinary character.
 *
 * Matching is hand-written, not a RegExp: every token but `%` consumes exactly one character, so
 * the classic "resume after the last %" walk is exact and takes at most O(value × pattern) steps,
 * whatever the pattern (no catastrophic backtracking). Characters are code points.
 */

type LikeToken =
  | { readonly type: 'any' }
  | { readonly type: 'one' }
  | { readonly type: 'char'; readonly folded: string }
  | { readonly type: 'set'; readonly negated: boolean; readonly ranges: readonly (readonly [number, number])[] };

export type LikeMatcher = (value: string) => boolean;

export function compileLikePattern(pattern: string): LikeMatcher {
  const tokens = tokenize(pattern);
  return (value) => matchTokens(tokens, Array.from(value));
}

export function matchesLike(value: string, pattern: string): boolean {
  return compileLikePattern(pattern)(value);
}

function fold(c: string): string {
  return c.toLowerCase();
}

function tokenize(pattern: string): LikeToken[] {
  const chars = Array.from(pattern);
  const tokens: LikeToken[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '%') {
      // Runs of % are one %.
      if (tokens[tokens.length - 1]?.type !== 'any') tokens.push({ type: 'any' });
    } else if (c === '_') {
      tokens.push({ type: 'one' });
    } else if (c === '[') {
      const set = readSet(chars, i);
      if (set) {
        tokens.push(set.token);
        i = set.end;
      } else {
        tokens.push({ type: 'char', folded: fold(c) });
      }
    } else {
      tokens.push({ type: 'char', folded: fold(c) });
    }
  }
  return tokens;
}

/** The set that starts at `chars[start] === '['`, and the index of its `]`; undefined when it is not closed. */
function readSet(chars: readonly string[], start: number): { token: LikeToken; end: number } | undefined {
  let j = start + 1;
  let negated = false;
  if (chars[j] === '^') {
    negated = true;
    j++;
  }
  const ranges: (readonly [number, number])[] = [];
  let first = true;
  while (j < chars.length) {
    const c = chars[j]!;
    if (c === ']' && !first) return { token: { type: 'set', negated, ranges }, end: j };
    first = false;
    const to = chars[j + 2];
    if (chars[j + 1] === '-' && to !== undefined && to !== ']') {
      ranges.push([c.codePointAt(0)!, to.codePointAt(0)!]);
      j += 3;
    } else {
      const cp = c.codePointAt(0)!;
      ranges.push([cp, cp]);
      j++;
    }
  }
  return undefined;
}

function inSet(ranges: readonly (readonly [number, number])[], c: string): boolean {
  // Case-insensitive: the character, its lower-case and its upper-case form are all tried.
  for (const variant of [c, c.toLowerCase(), c.toUpperCase()]) {
    const cp = variant.codePointAt(0)!;
    if (variant.length !== String.fromCodePoint(cp).length) continue; // folds to several characters
    for (const [lo, hi] of ranges) if (cp >= lo && cp <= hi) return true;
  }
  return false;
}

function matchOne(token: LikeToken, c: string): boolean {
  switch (token.type) {
    case 'one':
      return true;
    case 'char':
      return token.folded === c || token.folded === fold(c);
    case 'set':
      return inSet(token.ranges, c) !== token.negated;
    case 'any':
      return false;
  }
}

function matchTokens(tokens: readonly LikeToken[], value: readonly string[]): boolean {
  let t = 0;
  let v = 0;
  let starToken = -1;
  let starValue = 0;
  while (v < value.length) {
    const token = tokens[t];
    if (token !== undefined && token.type === 'any') {
      starToken = t++;
      starValue = v;
    } else if (token !== undefined && matchOne(token, value[v]!)) {
      t++;
      v++;
    } else if (starToken >= 0) {
      // Let the last % take one more character and try the rest again from there.
      t = starToken + 1;
      v = ++starValue;
    } else {
      return false;
    }
  }
  while (tokens[t]?.type === 'any') t++;
  return t === tokens.length;
}
