export { ConnectorPage as default } from '@/features/connectors/connector-page';
