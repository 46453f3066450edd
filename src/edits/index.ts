// The edit engine's public surface: pure text algorithms for the file tools (no I/O).
export { applyEdits } from './applyEdits';
export { contentHash } from './contentHash';
export { countChanges, makeUnifiedDiff } from './diffDisplay';
export { findElision } from './elision';
export { decodeFile, encodeFile, isProbablyBinary } from './fileFormat';
export { applyUnifiedDiff } from './unifiedDiff';
export type { AppliedEdit, EditOutcome, FileFormat, MatchLevel, TextEdit } from './types';
