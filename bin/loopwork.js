#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so it shares the server's code without a separate build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
