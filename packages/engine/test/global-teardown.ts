export { globalTeardown as default } from '@conflux/db/testing';
