export { globalSetup as default } from '@conflux/db/testing';
