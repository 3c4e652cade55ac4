export { ApiTokensPage as default } from '@/features/api-tokens/api-tokens-page';
