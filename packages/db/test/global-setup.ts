export { globalSetup as default } from '../src/testing/jest-global';
