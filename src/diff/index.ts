/** The diff layer's public surface: a semantic diff of two task sequences or documents. Pure code. */
export { diffDocuments, diffSequences, isMasked, SECRET, type Change, type ChangeKind } from './diff.js';
export { formatChanges, formatValue } from './format.js';
export { buildTree, matchTrees, similarity, alike, keyOf, type Matching, type Tree, type TreeNode } from './match.js';
export { decodeInlineScript, encodeInlineScript, lineDiff, scriptLines, unifiedDiff, SCRIPT_CLASS, SCRIPT_PROPERTY, type DiffLine } from './script.js';
export { lcsPairs, longestIncreasing, type IndexPair } from './lcs.js';
export { canonicalCondition, canonicalValue, effectiveValue, isUnset, sameProperty } from './values.js';
