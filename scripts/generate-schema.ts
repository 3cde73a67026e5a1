import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { definitionJsonSchemaText } from '../src/lib/engine/definition-json-schema';

const target = fileURLToPath(new URL('../workflows/definition.schema.json', import.meta.url));
writeFileSync(target, definitionJsonSchemaText());
console.log(`wrote ${target}`);
