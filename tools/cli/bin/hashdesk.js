#!/usr/bin/env node
// Runs the bundled CLI, rebuilding it first when dist is missing or older than a source file
// under tools/cli/src or libs/economics/src (so a fresh clone just works).
'use strict';
const { build, isStale, OUTFILE } = require('../scripts/build-cli.js');

if (isStale()) build();
require(OUTFILE);
