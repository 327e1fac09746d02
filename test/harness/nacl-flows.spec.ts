/**
 * Over the Analyzer protocol: a flow is what an allow entry lets start after the earlier denies only.
 * Inbound "allow TCP 1024-65535" then "allow TCP 8080" declares a service on 8080, whose replies
 * need outbound entries on the ephemeral ports.
 */
import * as assert from "assert";
import { JsonObject, PackClient, StackResource, startPack } from "../../runner/analyzer-client";
import { TYPE } from "../util/types";
import { REPO } from "./pack-dirs";

const URN = `urn:pulumi:s::p::${TYPE.nacl}::public`;
const entry = (ruleNo: number, fromPort: number, toPort: number, cidrBlock: string) =>
    ({ ruleNo, action: "allow", protocol: "tcp", fromPort, toPort, cidrBlock });

function acl(ingress: JsonObject[], egress: JsonObject[]): StackResource {
    return {
        urn: URN, type: TYPE.nacl, name: "public", properties: { vpcId: "vpc-1", ingress, egress },
        dependencies: [], propertyDependencies: {},
    };
}

describe("protocol: NACL flows after a return-path entry", function () {
    this.timeout(120_000);
    let pack: PackClient;
    before(async () => {
        pack = await startPack(REPO);
        await pack.configure({});
    });
    after(async () => { await pack?.close(); });

    const returnTraffic = async (ingress: JsonObject[], egress: JsonObject[]) =>
        (await pack.analyzeStack([acl(ingress, egress)])).diagnostics
            .filter((d) => d.policyName === "nacl-ephemeral-return-traffic")
            .map((d) => [d.enforcementLevel, d.urn, d.message]);

    it("AnalyzeStack reports the 8080 service behind an inbound 1024-65535 entry as mandatory", async () => {
        assert.deepStrictEqual(await returnTraffic([entry(100, 1024, 65535, "0.0.0.0/0"), entry(110, 8080, 8080, "10.0.0.0/8")], []), [[
            "mandatory", URN,
            "Network ACL 'public': ingress[1] (rule 110) allows inbound TCP 8080 from 10.0.0.0/8, but the return traffic is not " +
            "allowed: outbound TCP 1024-65535 to 10.0.0.0/8 is denied by the implicit deny. Network ACLs are stateless: the replies " +
            "go to the initiator's ephemeral ports (1024-65535), so these connections hang. Fix: add an outbound allow entry for TCP " +
            "1024-65535 to 10.0.0.0/8.",
        ]]);
    });

    it("AnalyzeStack passes the same ACL once the outbound direction answers on the ephemeral ports", async () => {
        assert.deepStrictEqual(await returnTraffic([entry(100, 1024, 65535, "0.0.0.0/0"), entry(110, 8080, 8080, "10.0.0.0/8")],
            [entry(100, 1024, 65535, "10.0.0.0/8")]), []);
    });
});
