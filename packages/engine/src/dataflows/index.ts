export * from './model-path';
export * from './validate-dataflow';
