export * from './run-store';
export * from './run-executor';
export * from './prisma-run-store';
export * from './run-queue';
export * from './run-job';
export * from './prisma-record-writer';
