// grpc-js and google-protobuf loaded from @pulumi/pulumi's own resolution, so that credentials and
// messages are instances of exactly the classes its generated Analyzer client checks against. Both
// are also this package's dependencies, pinned to the versions that resolution finds (package.json).
import { createRequire } from "module";

const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));

export const grpc = pulumiRequire("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
export const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as
    typeof import("google-protobuf/google/protobuf/struct_pb");
export const { Empty } = pulumiRequire("google-protobuf/google/protobuf/empty_pb") as
    typeof import("google-protobuf/google/protobuf/empty_pb");

export type Struct = import("google-protobuf/google/protobuf/struct_pb").Struct;
export type ServiceError = import("@grpc/grpc-js").ServiceError;
export type Metadata = import("@grpc/grpc-js").Metadata;
export type ClientUnaryCall = import("@grpc/grpc-js").ClientUnaryCall;
