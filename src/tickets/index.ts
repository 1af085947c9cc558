export * from './business-calendar';
export * from './priority';
export * from './sla';
export * from './status';
export * from './ticket-numbers';
export { DEFAULT_FLOWS_DIR } from './data-files';
