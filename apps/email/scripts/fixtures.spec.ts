import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, renderFixtures } from './render-fixtures';

describe('committed email fixtures', () => {
  const fixtures = renderFixtures();

  it('cover every language × tone, HTML and text', () => {
    expect(fixtures).toHaveLength(10 * 3 * 2);
    expect(readdirSync(FIXTURES_DIR).sort()).toEqual(fixtures.map((f) => f.file).sort());
  });

  it.each(fixtures.map((f) => [f.file, f.content]))('%s equals the current rendering (run apps/email/scripts/render-fixtures.ts after a deliberate change)', (file, content) => {
    expect(readFileSync(join(FIXTURES_DIR, file), 'utf8')).toBe(content);
  });
});
