#!/usr/bin/env node
// why: this workplace's npm registry mirror lacks some other-platform builds of @biomejs/cli and
// @duckdb/node-bindings, so `npm install` leaves them out of package-lock.json and `npm ci` then
// refuses the lockfile. This adds lock entries for every platform package a dependency lists as
// optional, with os/cpu/libc from its name; npm skips them on other platforms without fetching.
// Run after `npm install` changes the lockfile: node scripts/lock-platform-stubs.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const families = {
  'node_modules/@biomejs/biome': /^@biomejs\/cli-(\w+)-(\w+?)(-musl)?$/,
  'node_modules/@duckdb/node-bindings': /^@duckdb\/node-bindings-(\w+)-(\w+?)(-musl)?$/,
};
let added = 0;
for (const [parentKey, pattern] of Object.entries(families)) {
  const parent = lock.packages[parentKey];
  if (!parent) continue;
  for (const [name, version] of Object.entries(parent.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const match = pattern.exec(name);
    if (lock.packages[key] || !match) continue;
    const [, os, cpu, musl] = match;
    lock.packages[key] = {
      version,
      cpu: [cpu],
      ...(parent.dev ? { dev: true } : {}),
      ...(os === 'linux' ? { libc: [musl ? 'musl' : 'glibc'] } : {}),
      license: parent.license,
      optional: true,
      os: [os === 'win32' ? 'win32' : os],
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform entries added`);
