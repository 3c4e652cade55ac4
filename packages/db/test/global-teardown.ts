export { globalTeardown as default } from '../src/testing/jest-global';
