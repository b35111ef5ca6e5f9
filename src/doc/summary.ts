import type { DocumentFacts } from './facts.js';

/** The summary as label / text pairs, shared by both formats (each escapes them its own way). */
export function summaryItems(facts: DocumentFacts): [string, string][] {
  const items: [string, string][] = [];
  for (const [k, v] of facts.packageFacts) if (k !== 'Name') items.push([packageLabel(k), v]);
  if (facts.source !== undefined) items.push(['Source', facts.source]);
  if (facts.schemaVersion !== undefined) items.push(['Schema version', facts.schemaVersion]);
  items.push([
    'Size',
    `${plural(facts.stepCount, 'step')} in ${plural(facts.groupCount, 'group')}` + (facts.maxDepth > 1 ? `, nested ${facts.maxDepth} levels deep` : ''),
  ]);
  items.push(['Step types', facts.classes.length ? facts.classes.map((c) => `${c.name} (${c.count})`).join(', ') : 'none']);
  items.push(['Run environments', facts.environments.length ? facts.environments.map((e) => `${e.environment} (${e.count})`).join(', ') : 'none']);
  items.push(['Deploys an operating system', facts.osdClasses.length ? `yes: ${facts.osdClasses.join(', ')}` : 'no']);
  items.push(['Conditions', `${plural(facts.conditioned, 'step or group', 'steps and groups')} with a condition`]);
  items.push(['Disabled', `${plural(facts.disabled, 'step or group', 'steps and groups')}`]);
  items.push(['Continue on error', `${plural(facts.continueOnError, 'step or group', 'steps and groups')}`]);
  const apps = facts.references.filter((r) => r.kinds.includes('Application')).length;
  items.push(['References', `${plural(facts.references.length - apps, 'package')}, ${plural(apps, 'application')}`]);
  return items;
}

function packageLabel(key: string): string {
  return key === 'PackageID' ? 'Package ID' : key === 'BootImageID' ? 'Boot image' : key;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
