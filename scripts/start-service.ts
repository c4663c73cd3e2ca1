// `npm run start:service -- <name>`: runs one service in this process (its main.ts).
import { SERVICE_NAMES } from '@settle/contracts';
import { join } from 'node:path';

const name = process.argv[2];
if (!name || !(SERVICE_NAMES as readonly string[]).includes(name)) {
  console.error(`usage: npm run start:service -- <${SERVICE_NAMES.join('|')}>`);
  process.exit(2);
}
void import(join(__dirname, '..', 'apps', name, 'src', 'main.ts'));
