// ALB -> web -> app -> RDS, with network ACLs and VPC flow logs. Passes every policy of the pack:
//   npx aws-network-guardrails check examples/three-tier
// The program is in ./three-tier.ts; the tests also build deliberate one-mistake variants of it.
import { threeTier } from "./three-tier";

threeTier();
