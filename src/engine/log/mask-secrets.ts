/**
 * Keeping passwords out of smsts.log.
 *
 * ConfigMgr masks the values of hidden variables in what it logs and logs command lines unless
 * OSDDoNotLogCommand=TRUE (REFERENCE.md §5.9). tseq does the same with two tools:
 *
 * - maskSecrets: every occurrence of each known secret (the values of hidden variables, the
 *   passwords of the step being run) becomes `********`.
 * - maskCommandLine: clear-text passwords written into a command line itself, in the forms
 *   REFERENCE.md §9 lists for the clear-text-secret lint, become `********`, quotes kept:
 *     `net use … /user:NAME PASSWORD` (the positional password after /user:, and the one before
 *        /user: that follows the share, `net use Z: \\srv\share PASSWORD /user:NAME`);
 *     `/p:X`, `/password:X` (also cmdkey's `/pass:X` and netdom's `/PasswordD:X`, `/PasswordO:X`);
 *     `-Password X` / `-Password:X` (any parameter whose name ends in Password: -AdminPassword …,
 *        and `--password X`);
 *     `password=X` / `pwd=X` (connection strings; also any `…PASSWORD=X` such as MSI properties);
 *     the literal given to `ConvertTo-SecureString … -AsPlainText` (positional, -String, or piped in).
 *   Never masked: `%VARIABLE%` references (the right way to pass a secret; the engine expands them
 *   and maskSecrets then hides the value), `*` (prompt), empty values, PowerShell variables and
 *   expressions in PowerShell forms (`-Password $pw`, `-Password (…)`), and switches that name a
 *   method rather than hold a secret, such as BitLocker's `/pwd:AD`.
 *   A switch value stops at white space unless quoted; a connection-string value (`;Password=`)
 *   stops at `;` or a quote, so it may hold spaces. This is a heuristic over text, erring towards
 *   masking: e.g. msbuild's `/p:Name=Value` is masked too.
 */

export const MASK = '********';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces every occurrence of each non-empty secret with `********`, in one pass, longest secret
 * first (so a secret that contains another is masked whole). Case-sensitive, as passwords are.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  const list = [...new Set(secrets.filter((s) => typeof s === 'string' && s.length > 0))].sort((a, b) => b.length - a.length);
  if (list.length === 0 || text === '') return text;
  return text.replace(new RegExp(list.map(escapeRegExp).join('|'), 'g'), () => MASK);
}

/** A half-open range of the command line to replace with the mask. */
interface Span {
  start: number;
  end: number;
}

/** A value as read from the text: its whole extent and the part that is the value (inside quotes). */
interface Token {
  text: string;
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
  quoted: boolean;
}

const CMD_REFERENCE = /^(?:%[^%\s]+%)+$/;
const PS_VARIABLE = /^\$(?:\{[^}]*\}|[\w:]+)$/;

function value(t: Token): string {
  return t.text.slice(t.valueStart - t.start, t.valueEnd - t.start);
}

/** True when the value is a secret written in clear (not a reference, a prompt or empty). */
function isLiteral(v: string, powershell: boolean): boolean {
  if (v === '' || v === '*' || v === MASK || CMD_REFERENCE.test(v)) return false;
  if (powershell && (PS_VARIABLE.test(v) || /^[$(@[]/.test(v))) return false;
  return true;
}

/** Reads a value at `p`: `"…"`, `'…'`, `\"…\"`, or a bare run up to white space or `stop`. */
function readValue(s: string, p: number, stop: RegExp): Token | null {
  if (p >= s.length) return null;
  const c = s[p];
  if (c === '\\' && s[p + 1] === '"') {
    const close = s.indexOf('\\"', p + 2);
    const end = close < 0 ? s.length : close + 2;
    return { text: s.slice(p, end), start: p, end, valueStart: p + 2, valueEnd: close < 0 ? s.length : close, quoted: true };
  }
  if (c === '"' || c === "'") {
    let close = s.indexOf(c, p + 1);
    // PowerShell doubles a quote inside a single-quoted string: 'it''s'
    while (c === "'" && close >= 0 && s[close + 1] === "'") close = s.indexOf(c, close + 2);
    const end = close < 0 ? s.length : close + 1;
    return { text: s.slice(p, end), start: p, end, valueStart: p + 1, valueEnd: close < 0 ? s.length : close, quoted: true };
  }
  let e = p;
  while (e < s.length && !/\s/.test(s[e]!) && !stop.test(s[e]!)) e++;
  if (e === p) return null;
  return { text: s.slice(p, e), start: p, end: e, valueStart: p, valueEnd: e, quoted: false };
}

function maskToken(t: Token, spans: Span[]): void {
  if (t.valueEnd > t.valueStart) spans.push({ start: t.valueStart, end: t.valueEnd });
}

function skipSpaces(s: string, p: number): number {
  while (p < s.length && (s[p] === ' ' || s[p] === '\t')) p++;
  return p;
}

/**
 * One cmd.exe argument at `p`: bare text and quoted parts up to white space (`/user:"CORP\a b"` is
 * one argument). Inside an enclosing `cmd /c "…"`, a quote that follows text closes the enclosing
 * string instead: the argument ends before it.
 */
function readCmdArgument(s: string, p: number, insideQuotes: boolean): Token | null {
  let e = p;
  let quotedParts = 0;
  let bare = false;
  while (e < s.length && !/[\s&|]/.test(s[e]!)) {
    if (s[e] === '"') {
      if (insideQuotes && e > p) break;
      const close = s.indexOf('"', e + 1);
      if (close < 0) { e = s.length; quotedParts++; break; }
      e = close + 1;
      quotedParts++;
      if (insideQuotes) break;
    } else {
      bare = true;
      e++;
    }
  }
  if (e === p) return null;
  const onlyQuoted = quotedParts === 1 && !bare && s[p] === '"' && s[e - 1] === '"' && e - p >= 2;
  return {
    text: s.slice(p, e), start: p, end: e,
    valueStart: onlyQuoted ? p + 1 : p, valueEnd: onlyQuoted ? e - 1 : e, quoted: quotedParts > 0,
  };
}

/** `net use`: the password after `/user:NAME`, or the positional one after the share. */
function netUse(s: string, spans: Span[]): void {
  const re = /(?:^|(?<=[\s&|("']))net1?(?:\.exe)?[ \t]+use\b/gi;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const insideQuotes = countQuotes(s.slice(0, m.index)) % 2 === 1;
    const tokens: Token[] = [];
    let p = m.index + m[0].length;
    for (;;) {
      p = skipSpaces(s, p);
      if (p >= s.length || /[&|\r\n]/.test(s[p]!)) break;
      if (insideQuotes && s[p] === '"') break; // the end of the enclosing `cmd /c "…"`
      const t = readCmdArgument(s, p, insideQuotes);
      if (!t) break;
      tokens.push(t);
      p = t.end;
    }
    let sawShare = false;
    let positionalPasswordSeen = false;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const v = value(t);
      if (t.text.startsWith('/')) {
        const next = tokens[i + 1];
        if (/^\/u(?:ser)?:./i.test(t.text) && next && !next.text.startsWith('/')) {
          if (isLiteral(value(next), false)) maskToken(next, spans);
          i++;
        }
        continue;
      }
      if (v.startsWith('\\\\')) { sawShare = true; continue; }
      if (!sawShare) continue; // the device (Z:, *, LPT1:)
      if (!positionalPasswordSeen) {
        positionalPasswordSeen = true;
        if (isLiteral(v, false)) maskToken(t, spans);
      }
    }
  }
}

/** `/p:X`, `/pass:X`, `/password:X`, `/passwordd:X`, `/passwordo:X`. */
function slashSwitches(s: string, spans: Span[]): void {
  const re = /(?:^|(?<=[\s"'(]))\/(?:p|pass|password|passwordd|passwordo):/gi;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const t = readValue(s, m.index + m[0].length, /[&|"]/);
    if (t && isLiteral(value(t), false)) maskToken(t, spans);
  }
}

/** `-Password X`, `-Password:X`, and any `-…Password` parameter. */
function dashPassword(s: string, spans: Span[]): void {
  const re = /(?:^|(?<=[\s(;{"'`]))--?\w*password(?=[:\s])(?::|[ \t]+)[ \t]*/gi;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const p = m.index + m[0].length;
    if (s[p] === '-') continue; // the next parameter: no value here
    const t = readValue(s, p, /[;|)}&"']/);
    if (t && isLiteral(value(t), true)) maskToken(t, spans);
  }
}

/** `password=X` / `pwd=X` (connection strings) and `…PASSWORD=X` (MSI properties, CLI options). */
function keyValuePasswords(s: string, spans: Span[]): void {
  const re = /(?<!\w)(\w*password|pwd)[ \t]*=(?!=)[ \t]*/gi;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const p = m.index + m[0].length;
    const before = m.index > 0 ? s[m.index - 1] : '';
    const inConnectionString = before === ';';
    const psVariable = before === '$';
    let t: Token | null;
    if (s[p] === '"' || s[p] === "'") t = readValue(s, p, /$^/);
    else if (psVariable) t = null; // `$password = Read-Host …`: only a quoted literal is a secret
    else if (inConnectionString) {
      let e = p;
      while (e < s.length && !/[;"'\r\n]/.test(s[e]!)) e++;
      t = e > p ? { text: s.slice(p, e), start: p, end: e, valueStart: p, valueEnd: e, quoted: false } : null;
    } else t = readValue(s, p, /[;"'&|]/);
    if (t && isLiteral(value(t), psVariable)) maskToken(t, spans);
  }
}

/** The literal turned into a SecureString by `ConvertTo-SecureString … -AsPlainText`. */
function asPlainText(s: string, spans: Span[]): void {
  const re = /ConvertTo-SecureString\b/gi;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const insideDouble = countQuotes(s.slice(0, m.index)) % 2 === 1;
    const tokens: Token[] = [];
    let p = m.index + m[0].length;
    for (;;) {
      p = skipSpaces(s, p);
      if (p >= s.length || /[;|)}\r\n]/.test(s[p]!)) break;
      if (s[p] === '"' && insideDouble && s[p + 1] !== '"') break; // closes the enclosing -Command "…"
      let t: Token | null;
      if (s[p] === '"' && insideDouble) {
        // `""…""`: a double-quoted literal inside a double-quoted command (cmd's doubling)
        const close = s.indexOf('""', p + 2);
        const end = close < 0 ? s.length : close + 2;
        t = { text: s.slice(p, end), start: p, end, valueStart: p + 2, valueEnd: close < 0 ? s.length : close, quoted: true };
      } else t = readValue(s, p, /[;|)}"']/);
      if (!t) break;
      tokens.push(t);
      p = t.end;
    }
    let plain = false;
    let str: Token | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const v = value(t);
      if (!t.quoted && /^-\w/.test(v)) {
        const name = /^-(\w+)(:?)(.*)$/.exec(v)!;
        const param = name[1]!.toLowerCase();
        if ('asplaintext'.startsWith(param) && param.length >= 3) plain = true;
        else if ('string'.startsWith(param) && param.length >= 2) {
          if (name[2] === ':' && name[3] !== '') {
            const off = t.start + 1 + name[1]!.length + 1;
            str = { text: name[3]!, start: off, end: t.end, valueStart: off, valueEnd: t.end, quoted: false };
          } else if (tokens[i + 1]) str = tokens[++i];
        } else if (('key'.startsWith(param) || 'securekey'.startsWith(param)) && tokens[i + 1]) i++;
        continue;
      }
      str ??= t; // the first positional argument is -String
    }
    if (!plain) continue;
    if (str) {
      if (isLiteral(value(str), true)) maskToken(str, spans);
      continue;
    }
    // `'P@ss' | ConvertTo-SecureString -AsPlainText -Force`
    const piped = /('(?:[^']|'')*'|\\"[^"]*\\"|"[^"]*"|[^\s|;'"(]+)[ \t]*\|[ \t]*$/.exec(s.slice(0, m.index));
    if (piped) {
      const t = readValue(s, piped.index, /[|;]/);
      if (t && isLiteral(value(t), true)) maskToken(t, spans);
    }
  }
}

/** Double quotes that are not written as `\"`. */
function countQuotes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s[i] === '"' && s[i - 1] !== '\\') n++;
  return n;
}

/** Masks the clear-text passwords written into a command line (see the module comment). */
export function maskCommandLine(cmd: string): string {
  const spans: Span[] = [];
  netUse(cmd, spans);
  slashSwitches(cmd, spans);
  dashPassword(cmd, spans);
  keyValuePasswords(cmd, spans);
  asPlainText(cmd, spans);
  if (spans.length === 0) return cmd;
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const sp of spans) {
    const last = merged[merged.length - 1];
    if (last && sp.start <= last.end) last.end = Math.max(last.end, sp.end);
    else merged.push({ start: sp.start, end: sp.end });
  }
  let out = '';
  let pos = 0;
  for (const sp of merged) {
    out += cmd.slice(pos, sp.start) + MASK;
    pos = sp.end;
  }
  return out + cmd.slice(pos);
}
