import { apiKeyMatches, hashApiKey, issueApiKey, parseApiKey } from './api-key';
import { isScope, missingScopes } from './scopes';

describe('API keys', () => {
  it('issues a key that parses back to its id and matches only its own hash', () => {
    const a = issueApiKey();
    const b = issueApiKey();
    expect(a.key).toMatch(/^settle_sk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(a.key)).toEqual({ keyId: a.keyId });
    expect(a.hash).toEqual(hashApiKey(a.key));
    expect(a.hash).toHaveLength(32);
    expect(apiKeyMatches(a.key, a.hash)).toBe(true);
    expect(apiKeyMatches(b.key, a.hash)).toBe(false);
    expect(a.key).not.toBe(b.key);
  });

  it('rejects a key with one character changed, a truncated key and foreign shapes', () => {
    const { key, hash } = issueApiKey();
    const last = key.at(-1) === 'A' ? 'B' : 'A';
    expect(apiKeyMatches(key.slice(0, -1) + last, hash)).toBe(false);
    expect(apiKeyMatches(key, Buffer.alloc(0))).toBe(false);
    expect(parseApiKey(key.slice(0, -1))).toBeUndefined();
    expect(parseApiKey(`x${key}`)).toBeUndefined();
    expect(parseApiKey('test-admin-token-0123456789abcdef')).toBeUndefined();
    expect(parseApiKey('')).toBeUndefined();
  });
});

describe('scopes', () => {
  it('names the scopes a key lacks; admin implies every scope', () => {
    expect(missingScopes(['cases:read'], ['cases:read'])).toEqual([]);
    expect(missingScopes(['cases:read'], ['cases:write', 'cases:read'])).toEqual(['cases:write']);
    expect(missingScopes(['events:write'], [])).toEqual([]);
    expect(missingScopes(['admin'], ['events:write', 'cases:write'])).toEqual([]);
    expect(missingScopes([], ['admin'])).toEqual(['admin']);
  });

  it('knows the four scopes and nothing else', () => {
    expect(['events:write', 'cases:read', 'cases:write', 'admin'].every(isScope)).toBe(true);
    expect(isScope('cases:*')).toBe(false);
    expect(isScope(undefined)).toBe(false);
  });
});
