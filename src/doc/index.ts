/**
 * `tseq doc`'s library: a task sequence documented as Markdown or as one self-contained HTML file.
 * Pure: reads the model (and the conditions layer for WMI wording), returns a string.
 */
import type { Document } from '../model/node.js';
import { gatherFacts } from './facts.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';

export type DocFormat = 'md' | 'html';

export interface DocOptions {
  readonly format: DocFormat;
  /** The title; by default the package name, else "Task sequence". */
  readonly title?: string;
  /** Where the document came from (a file name), shown in the summary. */
  readonly source?: string;
}

export function documentSequence(doc: Document, options: DocOptions): string {
  const facts = gatherFacts(doc, {
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
  });
  return options.format === 'html' ? renderHtml(facts) : renderMarkdown(facts);
}

export { describeConditionInWords, describeExpressionInWords, describeOperandInWords } from './condition-words.js';
export { escapeHtml, escapeMarkdown, markdownCode } from './escape.js';
export { gatherFacts, packagesOf, propertyFacts, SECRET_MASK, type DocumentFacts, type PropertyFact, type Reference, type StepRow } from './facts.js';
export { flowDiagramSvg } from './diagram.js';
