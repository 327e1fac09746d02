import * as assert from "assert";
import { adminPortsNotReachableFromInternet as policy } from "../../policies/exposure/admin-ports-not-reachable-from-internet";
import { runStackPolicy, urnOf } from "../util/run-stack-policy";
import * as n from "./network";

describe("admin-ports-not-reachable-from-internet: complete messages", () => {
    it("an instance whose public-address flag is not known yet: a note with the known parts of the path and the fix", () => {
        const resources = [...n.network(), { ...n.group("web-sg", [n.tcpFromWorld(22)]), propertyDependencies: { vpcId: ["main"] } },
            n.instance("web", "public-a", "web-sg", { associatePublicIpAddress: n.U })];
        assert.deepStrictEqual(runStackPolicy(policy, resources), [{
            level: "advisory", urn: urnOf({ type: "aws:ec2/instance:Instance", name: "web" }),
            message: "Cannot be verified at preview: associatePublicIpAddress is not known until the resource is created. " +
                "aws.ec2.Instance 'web' may be reachable from the internet on TCP port 22 (IPv4). The parts that are known: " +
                `${n.PUBLIC_ROUTE}; ${n.DEFAULT_ACL}; security group: aws.ec2.SecurityGroup 'web-sg' ingress[0].cidrBlocks[0] allows ` +
                "TCP port 22 from 0.0.0.0/0 (every IPv4 address). Fix: Close the path at one layer at least: admit the admin port only " +
                "from a bastion's security group or a trusted CIDR, keep the host in a subnet without a route to an internet gateway " +
                "and without a public address, forward no admin port from a load balancer, or connect with AWS Systems Manager " +
                "Session Manager, which needs no inbound port at all.",
        }]);
    });
});
