import { addressHash, invalidAddressReason } from './address';

describe('invalidAddressReason', () => {
  it('accepts an address and names what is wrong with anything else, without repeating it', () => {
    for (const ok of ['anna@debtor.example', 'a.b+c@sub.debtor.example']) expect(invalidAddressReason(ok)).toBeUndefined();
    for (const bad of ['anna', 'anna@', '@debtor.example', 'anna weber@debtor.example', '+4915112345678', '']) {
      const reason = invalidAddressReason(bad);
      expect(reason).toBe('the recipient is not an e-mail address');
    }
  });

  it('hashes an address case- and space-insensitively for the suppression list', () => {
    expect(addressHash(' Anna@Debtor.Example ')).toBe(addressHash('anna@debtor.example'));
    expect(addressHash('anna@debtor.example')).not.toBe(addressHash('ana@debtor.example'));
  });
});
