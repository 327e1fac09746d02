// Loader hooks for a TypeScript ES module program, registered by program-host.ts with
// module.register: ts-node's ESM hooks, made with the options the host passes as `data`.
"use strict";
const tsNode = require("ts-node");

let options;
let hooks;
const get = () => (hooks = hooks || tsNode.createEsmHooks(tsNode.register(options)));

exports.initialize = (data) => { options = data; };
exports.resolve = (specifier, context, next) => get().resolve(specifier, context, next);
exports.load = (url, context, next) => get().load(url, context, next);
