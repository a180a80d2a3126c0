// As-is against to-be: the structural diff, the measures side by side, the verdict.
export * from './compare';
export * from './diff';
export * from './measures';
