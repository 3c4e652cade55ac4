export { EndpointPage as default } from '@/features/endpoints/endpoint-page';
