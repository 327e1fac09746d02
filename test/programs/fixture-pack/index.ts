// A policy pack with fixed, known behaviour: the Analyzer client tests start it (copied to a temp
// directory next to a node_modules link) and check exact protocol results against it.
import { PolicyPack, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";

const SG = "aws:ec2/securityGroup:SecurityGroup";

interface Rule { fromPort?: number; toPort?: number; cidrBlocks?: string[] }

new PolicyPack("fixture-pack", {
    policies: [
        {
            name: "no-world-ports",
            displayName: "No world ports",
            description: "Listed ports are not open to 0.0.0.0/0.",
            enforcementLevel: "advisory",
            severity: "high",
            tags: ["sg"],
            url: "https://example.com/no-world-ports",
            remediationSteps: "Close the port.",
            framework: { name: "fixture", version: "1", reference: "F-1", specification: "spec" },
            configSchema: {
                properties: {
                    ports: { type: "array", items: { type: "integer", minimum: 0, maximum: 65535 }, default: [22] },
                    note: { type: "string" },
                },
                required: ["ports"],
            },
            validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
                if (args.type !== SG) {
                    return args.notApplicable(`only ${SG}`);
                }
                const { ports, note } = args.getConfig<{ ports: number[]; note?: string }>();
                const ingress = (args.props.ingress ?? []) as Rule[];
                ingress.forEach((r, i) => {
                    for (const p of ports) {
                        if ((r.cidrBlocks ?? []).includes("0.0.0.0/0") && (r.fromPort ?? 0) <= p && p <= (r.toPort ?? 0)) {
                            report(`ingress[${i}] opens ${p} to the world${note ? ` (${note})` : ""}`);
                        }
                    }
                });
            },
        },
        {
            name: "described",
            description: "Resources have a description.",
            enforcementLevel: "mandatory",
            validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
                if (args.type === SG && !args.props.description) {
                    const env = args.stackTags.get("env");
                    report(`no description${env ? ` in ${env}` : ""}`);
                }
            },
        },
        {
            name: "boom",
            description: "Throws on fixture:index:Boom.",
            enforcementLevel: "mandatory",
            validateResource: (args: ResourceValidationArgs) => {
                if (args.type === "fixture:index:Boom") {
                    throw new Error("kaboom");
                }
            },
        },
        {
            name: "rule-parents",
            description: "Lists which security group each rule depends on.",
            enforcementLevel: "advisory",
            severity: "low",
            validateStack: (args: StackValidationArgs, report: ReportViolation) => {
                for (const r of args.resources) {
                    const deps = r.propertyDependencies.securityGroupId;
                    if (deps) {
                        report(`${r.name} -> ${deps.map(d => d.name).join(",")} ` +
                            `[parent ${r.parent?.name ?? "none"}; deps ${r.dependencies.map(d => d.name).join(",")}]`, r.urn);
                    }
                }
            },
        },
        {
            name: "fill-description",
            description: "Fills in a missing description.",
            enforcementLevel: "remediate",
            remediateResource: (args: ResourceValidationArgs) => {
                if (args.type === SG && !args.props.description) {
                    return { ...args.props, description: "filled" };
                }
                return undefined;
            },
        },
    ],
}, { "no-world-ports": { enforcementLevel: "mandatory", note: "initial" } });
