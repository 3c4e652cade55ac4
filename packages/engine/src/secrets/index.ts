export {
  createSecretBox,
  generateSecretKey,
  reencrypt,
  secretKeyId,
  isSecretEnvelope,
  InvalidSecretKeyError,
  SecretDecryptionError,
  type SecretBox,
  type SecretBoxOptions,
} from './secret-box';
