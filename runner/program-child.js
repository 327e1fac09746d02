// Entry of the child process that runs a Pulumi program (see program-host.ts): stack traces mapped
// through source maps, ts-node for the checker's own TypeScript files while they load, then the
// host. The program then gets its own ts-node only, registered by the host as the language host would.
"use strict";
const path = require("path");

process.setSourceMapsEnabled(true);
const packDir = path.join(__dirname, "..");
const handlers = { ...require.extensions };
require("ts-node").register({ transpileOnly: true, project: path.join(packDir, "tsconfig.json"), scope: true, scopeDir: packDir });
require("./program-host");
for (const ext of Object.keys(require.extensions)) {
    if (ext in handlers) {
        require.extensions[ext] = handlers[ext];
    } else {
        delete require.extensions[ext];
    }
}
