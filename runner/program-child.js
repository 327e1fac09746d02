// Entry of the child process that runs a Pulumi program (see program-host.ts): stack traces mapped
// through source maps, then the host. Compiled (dist/runner), the host is JavaScript; from the
// sources (tests), ts-node loads the checker's own TypeScript files, and only while they load. The
// program then gets its own ts-node only, registered by the host as the language host would.
"use strict";
const fs = require("fs");
const path = require("path");

process.setSourceMapsEnabled(true);
const handlers = { ...require.extensions };
if (!fs.existsSync(path.join(__dirname, "program-host.js"))) {
    const sourceDir = path.join(__dirname, "..");
    require("ts-node").register({ transpileOnly: true, project: path.join(sourceDir, "tsconfig.json"), scope: true, scopeDir: sourceDir });
}
require("./program-host");
for (const ext of Object.keys(require.extensions)) {
    if (ext in handlers) {
        require.extensions[ext] = handlers[ext];
    } else {
        delete require.extensions[ext];
    }
}
