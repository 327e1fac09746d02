#!/usr/bin/env node
// aws-network-guardrails: run the policy pack without a cloud account (see `--help`).
// Runs the compiled command (dist/cli/main.js, built by `npm run build`, shipped in the package).
"use strict";
require("../dist/cli/main").run(process.argv.slice(2));
