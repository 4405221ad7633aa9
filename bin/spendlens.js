#!/usr/bin/env node
// why: spendlens runs its TypeScript sources directly through tsx, so `npm install` is the only build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/present/cli/main.ts');
