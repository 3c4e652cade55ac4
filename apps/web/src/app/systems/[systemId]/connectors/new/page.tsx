export { NewConnectorPage as default } from '@/features/connectors/new-connector-page';
