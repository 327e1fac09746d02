#!/usr/bin/env node
// aws-network-guardrails: run the policy pack without a cloud account (see `--help`).
// Registers ts-node in transpile-only mode (fast start, no type check) and runs cli/main.ts.
"use strict";
const path = require("path");

require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "tsconfig.json") });
require("../cli/main").run(process.argv.slice(2));
