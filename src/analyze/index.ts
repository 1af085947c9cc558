export { createAnalyzer, freshConversation, readOnlyPorts, validateAnalyzeRequest, MAX_TEXT_LENGTH } from './analyzer';
export type { AnalyzeRequest, AnalyzeResult, Analyzer, OfficeHours } from './analyzer';
