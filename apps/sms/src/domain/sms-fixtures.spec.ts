import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_DIR, renderFixtures } from '../../scripts/render-fixtures';

describe('committed SMS fixtures', () => {
  it.each([...renderFixtures()])('%s matches the current default template (regenerate with apps/sms/scripts/render-fixtures.ts)', (name, content) => {
    expect(readFileSync(join(FIXTURE_DIR, name), 'utf8')).toBe(content);
    expect(content).not.toMatch(/^NOT RENDERED/);
  });
});
