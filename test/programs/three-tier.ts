// The three-tier program is the bundled example (examples/three-tier); the tests use it and its
// one-mistake variants from there.
export { Mutation, threeTier } from "../../examples/three-tier/three-tier";
