#!/usr/bin/env node
// Runs a TypeScript entry file (the benchmark, scripts) with the same loader as the CLI.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('usage: run-ts.js FILE [args…]');
process.argv = [process.argv[0] ?? 'node', file, ...rest];
await import(pathToFileURL(resolve(file)).href);
