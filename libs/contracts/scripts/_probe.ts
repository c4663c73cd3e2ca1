import 'reflect-metadata';
import { EVENT_DEFINITIONS } from '@settle/contracts';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage');
for (const d of EVENT_DEFINITIONS) console.log(d.type, JSON.stringify(targetConstructorToSchema(d.payload, { classTransformerMetadataStorage: defaultMetadataStorage, refPointerPrefix: '#/$defs/' })));
