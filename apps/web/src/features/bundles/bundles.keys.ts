export const bundlesKeys = {
  all: ['bundles'] as const,
  imports: () => [...bundlesKeys.all, 'imports'] as const,
};
