// The crack analyser: the machine graph, one file per rule, the report.
export * from './analyse';
export * from './context';
export * from './graph';
export * from './types';
