import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { catalogue } from "../../policies/catalogue";
import { CapturedStack, captureProgram } from "../../runner/capture";
import { runResourcePolicy } from "../util/run-policy";
import { heads } from "../util/shapes";
import { commonMistakes } from "./common-mistakes";

/** Every finding of every policy, per resource name, from the inputs the SDK really registered. */
function analyse(stack: CapturedStack): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const r of stack.resources) {
        for (const p of catalogue() as ResourceValidationPolicy[]) {
            for (const h of heads(runResourcePolicy(p, { type: r.type, name: r.name, props: r.inputs }))) {
                (out[r.name] ??= []).push(`${p.name}: ${h}`);
            }
        }
    }
    return out;
}

describe("program: common mistakes, written with real @pulumi/aws classes", () => {
    let preview: CapturedStack;
    before(async () => {
        preview = await captureProgram(commonMistakes, { preview: true });
    });

    it("registers the rule shapes the model reads (wire-form inputs)", () => {
        const byName = Object.fromEntries(preview.resources.map((r) => [r.name, r]));
        assert.deepStrictEqual(byName["web"].inputs.ingress, [
            { cidrBlocks: ["0.0.0.0/0"], description: "HTTPS", fromPort: 443, protocol: "tcp", toPort: 443 },
            { cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"], description: "SSH, split to dodge naive checks", fromPort: 22, protocol: "6", toPort: 22 },
            { cidrBlocks: ["04da6b54-80e4-46f7-96ec-b56ff0331ba9"], description: "admin from somewhere", fromPort: 3389, protocol: "tcp", toPort: 3389 },
        ]);
        assert.deepStrictEqual(byName["db-from-subnet"].inputs, {
            cidrBlocks: ["10.0.1.0/24"], description: "Postgres from the app subnet", fromPort: 5432, protocol: "tcp",
            securityGroupId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", toPort: 5432, type: "ingress",
        });
        assert.deepStrictEqual(byName["web-all-v6"].inputs, {
            cidrIpv6: "::/0", description: "everything over IPv6", ipProtocol: "-1",
            securityGroupId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
        });
    });

    it("reports exactly the expected findings at preview, IDs and the computed CIDR unknown", () => {
        assert.deepStrictEqual(analyse(preview), {
            "web": [
                "sg-no-admin-ports-from-world: mandatory: ingress[1].cidrBlocks[0] (0.0.0.0/1) and ingress[1].cidrBlocks[1] (128.0.0.0/1) together cover every IPv4 address on TCP port 22: ingress[1].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/1; ingress[1].cidrBlocks[1] allows TCP port 22 from 128.0.0.0/1",
                "sg-no-admin-ports-from-world: advisory: Cannot be verified at preview: ingress[2].cidrBlocks[0] is not known until the resource is created",
                "sg-ingress-from-world-allowed-ports: advisory: ingress[1].cidrBlocks[0] (0.0.0.0/1) and ingress[1].cidrBlocks[1] (128.0.0.0/1) together cover every IPv4 address on TCP port 22: ingress[1].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/1; ingress[1].cidrBlocks[1] allows TCP port 22 from 128.0.0.0/1, which is ingress from the whole internet beyond the allowed ports",
                "sg-ingress-from-world-allowed-ports: advisory: Cannot be verified at preview: ingress[2].cidrBlocks[0] is not known until the resource is created",
                "sg-prefer-security-group-references: advisory: Cannot be verified at preview: ingress[2].cidrBlocks[0] is not known until the resource is created",
            ],
            "db": [
                // The SDK itself fills in the provider's default description.
                "sg-descriptions: advisory: The security group has the description \"Managed by Pulumi\"",
            ],
            "db-from-subnet": [
                "sg-db-ingress-only-from-security-groups: mandatory: cidrBlocks[0] allows TCP port 5432 from 10.0.1.0/24, a database port",
            ],
            "web-all-v6": [
                "sg-no-admin-ports-from-world: mandatory: cidrIpv6 allows all traffic (every protocol and port) from ::/0 (every IPv6 address)",
                "sg-db-ingress-only-from-security-groups: mandatory: cidrIpv6 allows all traffic (every protocol and port) from ::/0 (every IPv6 address), which reaches every database port",
                "sg-ingress-from-world-allowed-ports: advisory: cidrIpv6 allows all traffic (every protocol and port) from ::/0 (every IPv6 address), which is ingress from the whole internet beyond the allowed ports",
                "sg-no-all-traffic-rules: advisory: cidrIpv6 allows all traffic (every protocol and port) from ::/0 (every IPv6 address)",
            ],
            "app-out": [
                "sg-egress-restricted: advisory: cidrIpv4 allows all traffic (every protocol and port) to 0.0.0.0/0 (every IPv4 address), which is egress to the whole internet beyond the allowed ports",
            ],
            "default": [
                "sg-no-all-traffic-rules: advisory: ingress[0].self allows all traffic (every protocol and port) from members of this security group (self)",
                "sg-descriptions: advisory: ingress[0] (ingress) has no description",
                "sg-default-denies-all: mandatory: ingress[0].self allows all traffic (every protocol and port) from members of this security group (self) on the default security group",
            ],
        });
    });

    it("decides the computed CIDR once it is known (an update), leaving no notes", async () => {
        const update = await captureProgram(commonMistakes, { preview: false });
        const web = analyse(update)["web"];
        assert.deepStrictEqual(web.filter((f) => f.includes("Cannot be verified")), []);
        assert.deepStrictEqual(web.filter((f) => f.startsWith("sg-prefer-security-group-references")), []);
    });
});
