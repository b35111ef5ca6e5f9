import type { Diagnostic, ValidateOptions } from '../model/validate.js';
import type { Document, Operand } from '../model/node.js';
import { isOperator, sequenceOf, walkSteps } from '../model/node.js';
import { compileWql } from './wql/index.js';

/**
 * The condition checks that need the WQL parser (so they live here, above the model): every WMI
 * query of every condition must parse. Code TS020, with the step's path and the query's place.
 */
export function validateConditions(doc: Document, options: Pick<ValidateOptions, 'locate'> = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { step, path } of walkSteps(sequenceOf(doc).Steps)) {
    const visit = (o: Operand): void => {
      if (isOperator(o)) {
        o.Operands.forEach(visit);
        return;
      }
      if (o.__CLASS !== 'SMS_TaskSequence_WMIConditionExpression') return;
      const query = String(o['Query'] ?? '');
      if (query === '') return; // a missing query is TS002's finding
      const parsed = compileWql(query);
      if (parsed.ok) return;
      const loc = options.locate?.(o);
      out.push({
        code: 'TS020',
        severity: 'error',
        message: `WMI query does not parse at column ${parsed.error.column}: ${parsed.error.message}`,
        path,
        stepName: step.Name,
        ...(loc ? { line: loc.line, column: loc.column } : {}),
        hint: 'the condition would count as false on every machine',
      });
    };
    step.Condition?.Operands.forEach(visit);
  }
  return out;
}
