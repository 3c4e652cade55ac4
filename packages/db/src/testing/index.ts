export * from './test-database';
export * from './jest-global';
export * from './reset';
