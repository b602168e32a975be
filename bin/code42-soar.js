#!/usr/bin/env node
'use strict';
// The compiled CLI lives in dist/ (built by `npm ci` through the `prepare` script).
// Node 22.1+ keeps the compiled code of the modules on disk (in the OS temp directory), which takes a third
// off every later start of a one-shot command; Node 20 has no compile cache and starts as before.
require('node:module').enableCompileCache?.();
// `code42-soar commands | head` closes the pipe early: the reader has all it wants, which is no error.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
require('../dist/src/cli.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`code42-soar: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 2; },
);
