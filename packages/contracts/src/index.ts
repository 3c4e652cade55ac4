export * from './errors';
export * from './health';
export * from './pagination';
export * from './auth';
export * from './users';
export * from './api-tokens';
export * from './catalog';
export * from './dataflows';
