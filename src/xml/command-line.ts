import { propertiesOf } from '../model/catalog.js';
import type { ModelObject } from '../model/node.js';

/**
 * The `<action>` line from a class CommandLine qualifier (REFERENCE.md §2.1): `%n` is the value of
 * the property with CommandLineArg(n); `<?n: text>` is written only when arg n has a value;
 * `%%NAME%%` becomes a literal `%NAME%` (expanded from the environment at run time); `\"` is a quote.
 * Booleans are written `True` / `False` inside action strings.
 */
export function expandCommandLine(template: string, obj: ModelObject): string {
  const args = new Map<number, string>();
  for (const def of propertiesOf(obj.__CLASS)) {
    if (def.commandLineArg === undefined) continue;
    const v = obj[def.name] ?? def.default;
    if (v === undefined || v === null || v === '') continue;
    args.set(def.commandLineArg, typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));
  }
  const substitute = (s: string): string =>
    s.replace(/%%([A-Za-z0-9_]+)%%|%%%(\d+)%%|%(\d+)/g, (whole, name: string | undefined, indirect: string | undefined, n: string | undefined) => {
      if (name !== undefined) return `%${name}%`;
      if (indirect !== undefined) return `%${args.get(Number(indirect)) ?? ''}%`;
      return args.get(Number(n)) ?? '';
    });
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('<?', i);
    if (open < 0) {
      out += substitute(template.slice(i));
      break;
    }
    out += substitute(template.slice(i, open));
    const close = template.indexOf('>', open);
    const body = close < 0 ? template.slice(open + 2) : template.slice(open + 2, close);
    const m = /^(\d+):(.*)$/s.exec(body);
    if (m && args.has(Number(m[1]))) out += substitute(m[2]!);
    i = close < 0 ? template.length : close + 1;
  }
  return out.replace(/\\"/g, '"');
}
