#!/usr/bin/env node
'use strict';
// The registry this project installs from serves only the linux builds of unrs-resolver's native bindings
// (jest 30 -> jest-resolve -> unrs-resolver). `npm install` then leaves the other platforms' optional
// packages out of package-lock.json, and `npm ci` refuses a lock file that lacks them. This adds them back
// as optional entries with their os/cpu/libc, so npm ci skips them on this platform without fetching.
// Run it after any `npm install` that rewrites the lock file: `node scripts/lock-platform-bindings.js`.
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));

const PLATFORMS = {
  'android-arm-eabi': { os: 'android', cpu: 'arm' },
  'android-arm64': { os: 'android', cpu: 'arm64' },
  'darwin-arm64': { os: 'darwin', cpu: 'arm64' },
  'darwin-x64': { os: 'darwin', cpu: 'x64' },
  'freebsd-x64': { os: 'freebsd', cpu: 'x64' },
  'linux-arm-gnueabihf': { os: 'linux', cpu: 'arm', libc: 'glibc' },
  'linux-arm-musleabihf': { os: 'linux', cpu: 'arm', libc: 'musl' },
  'linux-arm64-gnu': { os: 'linux', cpu: 'arm64', libc: 'glibc' },
  'linux-arm64-musl': { os: 'linux', cpu: 'arm64', libc: 'musl' },
  'linux-loong64-gnu': { os: 'linux', cpu: 'loong64', libc: 'glibc' },
  'linux-loong64-musl': { os: 'linux', cpu: 'loong64', libc: 'musl' },
  'linux-ppc64-gnu': { os: 'linux', cpu: 'ppc64', libc: 'glibc' },
  'linux-riscv64-gnu': { os: 'linux', cpu: 'riscv64', libc: 'glibc' },
  'linux-riscv64-musl': { os: 'linux', cpu: 'riscv64', libc: 'musl' },
  'linux-s390x-gnu': { os: 'linux', cpu: 's390x', libc: 'glibc' },
  'linux-x64-gnu': { os: 'linux', cpu: 'x64', libc: 'glibc' },
  'linux-x64-musl': { os: 'linux', cpu: 'x64', libc: 'musl' },
  'openharmony-arm64': { os: 'openharmony', cpu: 'arm64' },
  'win32-arm64-msvc': { os: 'win32', cpu: 'arm64' },
  'win32-ia32-msvc': { os: 'win32', cpu: 'ia32' },
  'win32-x64-msvc': { os: 'win32', cpu: 'x64' },
};

const resolver = lock.packages['node_modules/unrs-resolver'];
if (!resolver) {
  console.log('unrs-resolver is not in the lock file: nothing to add.');
  process.exit(0);
}
let added = 0;
for (const [name, version] of Object.entries(resolver.optionalDependencies || {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const platform = PLATFORMS[name.replace('@unrs/resolver-binding-', '')];
  if (!platform) throw new Error(`No platform known for ${name}: add it to PLATFORMS.`);
  lock.packages[key] = {
    version,
    cpu: [platform.cpu],
    dev: resolver.dev === true ? true : undefined,
    ...(platform.libc ? { libc: [platform.libc] } : {}),
    license: 'MIT',
    optional: true,
    os: [platform.os],
  };
  added += 1;
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`Added ${added} platform binding entr${added === 1 ? 'y' : 'ies'} to package-lock.json.`);
