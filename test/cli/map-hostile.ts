// A network map with hostile text in every place text can go: names, details, findings, labels, the title.
import type { NetworkMap } from "../../cli/map/map-model";

const SCRIPT_END = "</script><img src=x onerror=alert(1)>";
const QUOTES = "x\"]; y\nz\\w";

export function hostileMap(): NetworkMap {
    return {
        title: "</title><script>alert(0)</script>",
        nodes: [
            { id: "internet", kind: "internet", label: "Internet", details: [], findings: [] },
            { id: "n1", kind: "vpc", label: "main", details: [], findings: [] },
            {
                id: "n2", kind: "resource", label: SCRIPT_END, sublabel: "Instance", parent: "n1", urn: `urn:pulumi:dev::p::aws:ec2/instance:Instance::${SCRIPT_END}`,
                details: ["<!-- <script>", "\u2028line\u2029separators"], exposed: "sure",
                findings: [{ policy: "db-not-reachable-from-internet", level: "mandatory", message: "</SCRIPT><script>alert(3)</script> & <b>bold</b>" }],
            },
            { id: "n3", kind: "security-group", label: QUOTES, parent: "n1", details: [], findings: [] },
        ],
        edges: [{ id: "e0", kind: "exposure", source: "internet", target: "n2", label: "<img src=y onerror=alert(4)>", exposure: "sure", details: ["</script>"] }],
        otherFindings: [{ resource: "aws.ec2.NetworkAcl '</script>'", findings: [{ policy: "p", level: "advisory", message: "<img src=z onerror=alert(5)>" }] }],
    };
}
