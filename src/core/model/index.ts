// The process file: types, parsing with JSON paths, the state tree, writing.
export * from './jsonPath';
export * from './parse';
export * from './scope';
export * from './serialize';
export * from './tree';
export type * from './types';
