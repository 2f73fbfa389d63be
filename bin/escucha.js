#!/usr/bin/env node
// Entry point of the `escucha` command: runs the TypeScript sources through tsx.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
