// Starts a Node.js policy pack the way the Pulumi CLI does and talks to it over the Analyzer gRPC
// protocol. Everything in and out of this API is plain JSON-like data; protobuf classes stay inside
// the modules behind it:
//   analyzer-types.ts       the messages as plain data, the client's interface and its errors
//   start-pack.ts           starting the pack process as the CLI does
//   analyzer-grpc-client.ts the client: each RPC, exempted-finding trailers
//   analyzer-messages.ts    conversion to and from the protobuf messages
//   policy-pack-config.ts   the CLI's reconciliation of `--policy-pack-config` with the pack's levels
export * from "./analyzer-types";
export { UNUSED_ENGINE_ADDRESS, startPack } from "./start-pack";
export { LooseEntry, parsePolicyPackConfig, reconcilePolicyPackConfig } from "./policy-pack-config";
