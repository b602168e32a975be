#!/usr/bin/env node
'use strict';
// The compiled CLI lives in dist/ (built by `npm ci` through the `prepare` script).
// `code42-soar commands | head` closes the pipe early: the reader has all it wants, which is no error.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
require('../dist/src/cli.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`code42-soar: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 2; },
);
