import { allClasses } from '../model/catalog.js';

/**
 * Passwords written in clear text, in the forms REFERENCE.md §9 lists:
 * - `net use … /user:NAME PASSWORD`: the positional password of a `net use` with a user;
 * - `/p:` or `/password:` followed by a literal;
 * - `-Password` (or `-SomethingPassword`) followed by a literal;
 * - `password=` / `pwd=` in a connection string;
 * - `ConvertTo-SecureString` of a literal with `-AsPlainText`.
 * Never BitLocker's `/pwd:AD`-style switches, which name a method rather than hold a secret, and
 * never a `%VARIABLE%` (or a PowerShell `$variable`), which is the right way to pass one.
 */
export interface PasswordMatch {
  /** Which form, in words, with the secret masked: `net use … /user:CONTOSO\svc ********`. */
  readonly form: string;
}

const MASK = '********';

/** A value that holds a secret in the text itself, rather than naming where one comes from. */
export function isLiteralSecret(raw: string): boolean {
  const v = raw.trim();
  if (v === '' || v === '*') return false;
  if (/%[^%\s]+%/.test(v)) return false;
  if (/^[$(\-[@{<]/.test(v)) return false;
  if (v.includes('$(') || v.includes('${')) return false;
  // Placeholders in templates: <password>, [password], {password}.
  if (/^[<[{].*[>\]}]$/.test(v)) return false;
  return true;
}

function unquote(token: string): string {
  const t = token.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) return t.slice(1, -1);
  return t.replace(/^["']|["')]+$/g, '');
}

/** Whitespace-separated tokens, double and single quotes kept together. */
function tokens(text: string): string[] {
  return text.match(/"[^"]*"?|'[^']*'?|[^\s"']+(?:"[^"]*")?/g) ?? [];
}

function netUse(text: string, out: PasswordMatch[]): void {
  const re = /\bnet(?:\.exe)?"?\s+use\b/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    // The command ends at a separator: the next command of a `&&` chain is not part of it.
    const rest = text.slice(m.index + m[0].length).split(/&|\||\r|\n/)[0] ?? '';
    const args = tokens(rest);
    let user: string | undefined;
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const bare = unquote(a);
      if (/^\/u(ser)?:/i.test(bare)) {
        user = bare.replace(/^\/u(ser)?:/i, '');
        if (user === '' && i + 1 < args.length) user = unquote(args[++i]!);
        continue;
      }
      if (bare.startsWith('/')) continue;
      if (/^\d*[<>]/.test(bare)) break;
      positional.push(bare);
    }
    if (user === undefined) continue;
    // Positional arguments: [device | *] [\\computer\share] [password | *].
    for (const p of positional) {
      if (/^([A-Za-z]:|\*|LPT\d:|COM\d:)$/i.test(p) || p.startsWith('\\\\') || /^[A-Za-z]:\\/.test(p)) continue;
      if (isLiteralSecret(p)) {
        out.push({ form: `net use … /user:${user || 'NAME'} ${MASK}` });
        break;
      }
    }
  }
}

function switches(text: string, out: PasswordMatch[]): void {
  // /p:VALUE and /password:VALUE; not /pwd: (BitLocker's method switch).
  const slash = /(?:^|[\s"'])\/(p|password):("[^"]*"|'[^']*'|[^\s"']+)/gi;
  let m: RegExpExecArray | null;
  while ((m = slash.exec(text)) !== null) {
    const value = unquote(m[2]!);
    if (isLiteralSecret(value)) out.push({ form: `/${m[1]}:${MASK}` });
  }
  // -Password VALUE, -Password:VALUE, -DomainPassword VALUE.
  // The value follows on the same line: a switch at a line's end (-NoPassword) is followed by the next statement.
  const dash = /(?:^|[\s("'])-(\w*password)(?::|[ \t]+)("[^"]*"|'[^']*'|[^\s"']+)/gi;
  while ((m = dash.exec(text)) !== null) {
    const raw = m[2]!;
    // Double quotes interpolate: "$pw" is a variable.
    if (raw.startsWith('"') && raw.includes('$')) continue;
    const value = unquote(raw);
    if (isLiteralSecret(value)) out.push({ form: `-${m[1]} ${MASK}` });
  }
}

function connectionStrings(text: string, out: PasswordMatch[]): void {
  // password= / pwd= as a connection-string key; not a PowerShell $password = …, not OSDJoinPassword=.
  const re = /(?<![\w$\-/])(password|pwd)\s*=\s*("[^"]*"|'[^']*'|[^;"'\s]+)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const value = unquote(m[2]!);
    if (isLiteralSecret(value)) out.push({ form: `${m[1]}=${MASK}` });
  }
}

function plainTextSecureStrings(text: string, out: PasswordMatch[]): void {
  const re = /ConvertTo-SecureString\b([^|;\r\n]*)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const args = m[1]!;
    if (!/-AsPlainText\b/i.test(args)) continue;
    const literal = /(?:^|\s)(?:-String\s+)?('([^']+)'|"([^"$]+)")/i.exec(args);
    if (literal && isLiteralSecret(literal[2] ?? literal[3] ?? '')) out.push({ form: `ConvertTo-SecureString '${MASK}' -AsPlainText` });
  }
  // 'secret' | ConvertTo-SecureString -AsPlainText
  const piped = /('([^']+)'|"([^"$]+)")\s*\|\s*ConvertTo-SecureString\b[^|;\r\n]*-AsPlainText/gi;
  while ((m = piped.exec(text)) !== null) {
    if (isLiteralSecret(m[2] ?? m[3] ?? '')) out.push({ form: `'${MASK}' | ConvertTo-SecureString -AsPlainText` });
  }
}

/** Every clear-text password in a command line, script or value. */
export function findClearTextPasswords(text: string): PasswordMatch[] {
  const out: PasswordMatch[] = [];
  netUse(text, out);
  switches(text, out);
  connectionStrings(text, out);
  plainTextSecureStrings(text, out);
  return out;
}

let catalogSecrets: Map<string, boolean> | undefined;

/** Catalog variables by lower-case name: true when the property behind it is a secret. */
function catalogVariableSecrets(): Map<string, boolean> {
  if (!catalogSecrets) {
    catalogSecrets = new Map();
    for (const def of allClasses()) {
      for (const p of def.properties) {
        const name = p.xml.kind === 'variable' ? p.xml.name : undefined;
        if (name) catalogSecrets.set(name.toLowerCase(), (catalogSecrets.get(name.toLowerCase()) ?? false) || p.secret === 'secret');
      }
    }
  }
  return catalogSecrets;
}

/**
 * A variable that holds a password by its name: one a secret property of the catalog maps to
 * (OSDJoinPassword, OSDLocalAdminPassword, …), or an unknown one named …Password / …Pwd. A catalog
 * variable that is not a secret (OSDRandomAdminPassword, OSDBitLockerCreateRecoveryPassword) is not.
 */
export function isPasswordVariable(name: string): boolean {
  const lower = name.trim().toLowerCase();
  const known = catalogVariableSecrets().get(lower);
  if (known !== undefined) return known;
  return /(password|passwd|pwd)$/.test(lower);
}

/** A value that is a literal secret, not a flag such as true / false / 0 / 1. */
export function isLiteralPasswordValue(value: string): boolean {
  if (/^(true|false|yes|no|0|1)$/i.test(value.trim())) return false;
  return isLiteralSecret(value);
}
