import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM encryption of the secrets Conflux stores (connector passwords, tokens, client
 * secrets). An envelope names the format version and the key that sealed it, so a key
 * rotation can tell which rows still need re-encrypting:
 *
 *     v1:<keyId>:<iv base64>:<auth tag base64>:<ciphertext base64>
 *
 * The version and key id are bound to the ciphertext as additional authenticated data: an
 * envelope whose header was edited fails authentication like one whose ciphertext was.
 */
export interface SecretBox {
  /** First 8 hex characters of sha256(key): names the key without revealing it. */
  readonly keyId: string;
  encrypt(plaintext: string): string;
  /** Throws `SecretDecryptionError` for a wrong key, a damaged or a tampered envelope. */
  decrypt(envelope: string): string;
  /** True when the envelope was sealed with this box's current key (no re-encryption due). */
  isSealedWithCurrentKey(envelope: string): boolean;
}

export interface SecretBoxOptions {
  /** Keys that may still have sealed stored envelopes; only decrypted with, never encrypted with. */
  previousKeys?: string[];
}

const ENVELOPE_VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_PATTERN = /^[0-9a-f]{8}$/;

export class InvalidSecretKeyError extends Error {
  override readonly name = 'InvalidSecretKeyError';
}

export class SecretDecryptionError extends Error {
  override readonly name = 'SecretDecryptionError';
}

/** A fresh random 256-bit key, base64-encoded, for CONFLUX_SECRET_KEY and key rotation. */
export function generateSecretKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/** The key id an envelope sealed with this key would carry. */
export function secretKeyId(keyBase64: string): string {
  return keyIdOf(decodeKey(keyBase64));
}

export function isSecretEnvelope(value: string): boolean {
  try {
    parseEnvelope(value);
    return true;
  } catch {
    return false;
  }
}

export function createSecretBox(keyBase64: string, options: SecretBoxOptions = {}): SecretBox {
  const currentKey = decodeKey(keyBase64);
  const currentKeyId = keyIdOf(currentKey);
  const keysById = new Map<string, Buffer>([[currentKeyId, currentKey]]);
  for (const previous of options.previousKeys ?? []) {
    const key = decodeKey(previous);
    const id = keyIdOf(key);
    if (!keysById.has(id)) keysById.set(id, key);
  }

  return {
    keyId: currentKeyId,

    encrypt(plaintext: string): string {
      if (typeof plaintext !== 'string') throw new TypeError('only strings can be encrypted');
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(associatedData(currentKeyId));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [ENVELOPE_VERSION, currentKeyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
    },

    decrypt(envelope: string): string {
      const parsed = parseEnvelope(envelope);
      const key = keysById.get(parsed.keyId);
      if (!key) {
        throw new SecretDecryptionError(
          `secret was encrypted with key ${parsed.keyId}, but the configured key is ${currentKeyId}` +
            (keysById.size > 1 ? ` (previous keys: ${[...keysById.keys()].slice(1).join(', ')})` : ''),
        );
      }
      const decipher = createDecipheriv('aes-256-gcm', key, parsed.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(parsed.keyId));
      decipher.setAuthTag(parsed.tag);
      try {
        return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretDecryptionError(`secret could not be decrypted with key ${parsed.keyId}: the data was tampered with or the key is wrong`);
      }
    },

    isSealedWithCurrentKey(envelope: string): boolean {
      return parseEnvelope(envelope).keyId === currentKeyId;
    },
  };
}

/** Key rotation: opens an envelope with the old key and seals the plaintext with the new one. */
export function reencrypt(envelope: string, oldBox: SecretBox, newBox: SecretBox): string {
  return newBox.encrypt(oldBox.decrypt(envelope));
}

function decodeKey(keyBase64: string): Buffer {
  if (typeof keyBase64 !== 'string' || keyBase64.trim() === '') {
    throw new InvalidSecretKeyError('secret key is empty: expected 32 bytes encoded as base64 (generate one with generateSecretKey())');
  }
  // Buffer.from silently skips characters that are not base64, so a mistyped key would
  // otherwise decode to different bytes; compare against the canonical re-encoding instead.
  const normalised = keyBase64.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const key = Buffer.from(normalised, 'base64');
  if (key.toString('base64').replace(/=+$/, '') !== normalised) {
    throw new InvalidSecretKeyError('secret key is not valid base64');
  }
  if (key.length !== KEY_BYTES) {
    throw new InvalidSecretKeyError(`secret key must be ${KEY_BYTES} bytes, got ${key.length}`);
  }
  return key;
}

function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function associatedData(keyId: string): Buffer {
  return Buffer.from(`${ENVELOPE_VERSION}:${keyId}`, 'utf8');
}

interface ParsedEnvelope {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function parseEnvelope(envelope: string): ParsedEnvelope {
  if (typeof envelope !== 'string') throw new SecretDecryptionError('secret envelope must be a string');
  const parts = envelope.split(':');
  if (parts.length !== 5 || parts[0] !== ENVELOPE_VERSION) {
    throw new SecretDecryptionError(`not a secret envelope: expected "${ENVELOPE_VERSION}:<keyId>:<iv>:<tag>:<ciphertext>"`);
  }
  const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
  if (!KEY_ID_PATTERN.test(keyId)) throw new SecretDecryptionError('secret envelope has a malformed key id');
  const ivBytes = strictBase64(iv, 'iv');
  const tagBytes = strictBase64(tag, 'auth tag');
  if (ivBytes.length !== IV_BYTES) throw new SecretDecryptionError(`secret envelope iv must be ${IV_BYTES} bytes`);
  // GCM would accept a shortened tag, which weakens authentication: insist on the full length.
  if (tagBytes.length !== TAG_BYTES) throw new SecretDecryptionError(`secret envelope auth tag must be ${TAG_BYTES} bytes`);
  return { keyId, iv: ivBytes, tag: tagBytes, ciphertext: strictBase64(ciphertext, 'ciphertext') };
}

function strictBase64(value: string, part: string): Buffer {
  const bytes = Buffer.from(value, 'base64');
  if (bytes.toString('base64') !== value) throw new SecretDecryptionError(`secret envelope ${part} is not valid base64`);
  return bytes;
}
