/** `user:password` base64-encoded as UTF-8, the credentials of an HTTP Basic header (RFC 7617). */
export function basicCredentials(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

/**
 * OAuth2 client authentication with HTTP Basic: RFC 6749 §2.3.1 form-encodes the client id
 * and secret before joining them, so a secret with ':' or '%' stays unambiguous.
 */
export function clientCredentialsBasic(clientId: string, clientSecret: string): string {
  return basicCredentials(formEncode(clientId), formEncode(clientSecret));
}

export function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}
