import { createHash, randomBytes } from 'node:crypto';
import {
  createSecretBox,
  generateSecretKey,
  InvalidSecretKeyError,
  isSecretEnvelope,
  reencrypt,
  SecretDecryptionError,
  secretKeyId,
} from './secret-box';

describe('SecretBox', () => {
  const key = generateSecretKey();
  const box = createSecretBox(key);

  it('round-trips strings, including empty and non-ASCII ones', () => {
    for (const plaintext of ['s3cr3t-password', '', 'päss wörd 🔑', 'x'.repeat(100_000)]) {
      expect(box.decrypt(box.encrypt(plaintext))).toBe(plaintext);
    }
  });

  it('writes a self-describing envelope naming the key by the first 8 hex chars of its sha256', () => {
    const envelope = box.encrypt('hello');
    const [version, keyId, iv, tag, ciphertext] = envelope.split(':');
    expect(version).toBe('v1');
    expect(keyId).toBe(createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 8));
    expect(keyId).toBe(box.keyId);
    expect(keyId).toBe(secretKeyId(key));
    expect(Buffer.from(iv!, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag!, 'base64')).toHaveLength(16);
    expect(Buffer.from(ciphertext!, 'base64')).toHaveLength(5);
    expect(envelope).not.toContain('hello');
    expect(isSecretEnvelope(envelope)).toBe(true);
    expect(isSecretEnvelope('hello')).toBe(false);
  });

  it('uses a fresh IV for every encryption', () => {
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('refuses an envelope sealed with another key, naming both key ids', () => {
    const other = createSecretBox(generateSecretKey());
    const envelope = other.encrypt('secret');
    expect(() => box.decrypt(envelope)).toThrow(SecretDecryptionError);
    expect(() => box.decrypt(envelope)).toThrow(`encrypted with key ${other.keyId}, but the configured key is ${box.keyId}`);
  });

  it('detects tampering with the ciphertext, the tag or the iv, and a key id claimed by another key', () => {
    const envelope = box.encrypt('transfer 100 EUR');
    const parts = envelope.split(':');
    const flipFirstByte = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0]! ^= 0x01;
      return bytes.toString('base64');
    };
    for (const index of [2, 3, 4]) {
      const tampered = [...parts];
      tampered[index] = flipFirstByte(tampered[index]!);
      expect(() => box.decrypt(tampered.join(':'))).toThrow(/tampered with or the key is wrong/);
    }
    // Same key id but different key bytes: cannot happen by accident, but must still fail.
    const forged = ['v1', box.keyId, ...createSecretBox(generateSecretKey()).encrypt('x').split(':').slice(2)].join(':');
    expect(() => box.decrypt(forged)).toThrow(SecretDecryptionError);
  });

  it('refuses malformed envelopes with a clear message and never echoes their content', () => {
    expect(() => box.decrypt('plain text password')).toThrow('not a secret envelope');
    expect(() => box.decrypt('v2:abcdef01:a:b:c')).toThrow('not a secret envelope');
    const truncatedTag = box.encrypt('x').split(':');
    truncatedTag[3] = Buffer.from(truncatedTag[3]!, 'base64').subarray(0, 8).toString('base64');
    expect(() => box.decrypt(truncatedTag.join(':'))).toThrow('auth tag must be 16 bytes');
    try {
      box.decrypt('my-password-here');
    } catch (error) {
      expect(String(error)).not.toContain('my-password-here');
    }
  });

  it('validates the key', () => {
    expect(() => createSecretBox('')).toThrow(InvalidSecretKeyError);
    expect(() => createSecretBox(randomBytes(16).toString('base64'))).toThrow('must be 32 bytes, got 16');
    expect(() => createSecretBox('not base64 at all!!')).toThrow(InvalidSecretKeyError);
    expect(() => createSecretBox(randomBytes(32).toString('base64url'))).not.toThrow();
  });

  describe('key rotation', () => {
    const oldBox = createSecretBox(generateSecretKey());
    const newKey = generateSecretKey();

    it('reencrypt moves an envelope to the new key', () => {
      const newBox = createSecretBox(newKey);
      const moved = reencrypt(oldBox.encrypt('token'), oldBox, newBox);
      expect(moved.split(':')[1]).toBe(newBox.keyId);
      expect(newBox.decrypt(moved)).toBe('token');
      expect(() => oldBox.decrypt(moved)).toThrow(SecretDecryptionError);
    });

    it('a box with previous keys opens old envelopes, seals with the current key, and says which need re-encrypting', () => {
      const oldKey = generateSecretKey();
      const legacyBox = createSecretBox(oldKey);
      const legacyEnvelope = legacyBox.encrypt('legacy');
      const box = createSecretBox(newKey, { previousKeys: [oldKey] });
      expect(box.decrypt(legacyEnvelope)).toBe('legacy');
      expect(box.isSealedWithCurrentKey(legacyEnvelope)).toBe(false);
      const fresh = box.encrypt('new');
      expect(box.isSealedWithCurrentKey(fresh)).toBe(true);
      expect(() => legacyBox.decrypt(fresh)).toThrow(SecretDecryptionError);
    });
  });
});
