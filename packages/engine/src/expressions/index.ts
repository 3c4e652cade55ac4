export {
  compileExpression,
  evaluateExpression,
  CompiledExpression,
  ExpressionError,
  DEFAULT_EXPRESSION_TIMEOUT_MS,
  DEFAULT_EXPRESSION_MAX_DEPTH,
  MAX_EXPRESSION_SOURCE_LENGTH,
  MAX_EXPRESSION_STRING_LENGTH,
  type CompileResult,
  type EvaluateOptions,
  type ExpressionErrorDetails,
  type ExpressionErrorKind,
  type ExpressionSyntaxError,
} from './expression';
export {
  mapValues,
  validateExpressions,
  type ExpressionIssue,
  type ExpressionToValidate,
  type MappingEntry,
  type MappingError,
  type MapValuesResult,
} from './map-values';
