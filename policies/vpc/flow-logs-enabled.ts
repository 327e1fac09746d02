import { isUndetermined } from "../model/values";
import { resourceLabel } from "../core/report";
import { stackPolicy } from "../core/policy";

const FIX = "Add an aws.ec2.FlowLog with vpcId set to the VPC (trafficType ALL), delivering to CloudWatch Logs or S3.";

export const vpcFlowLogsEnabled = stackPolicy({
    name: "vpc-flow-logs-enabled",
    displayName: "VPC flow logs enabled",
    description: "Each aws.ec2.Vpc in the stack has an aws.ec2.FlowLog. Security groups log nothing; flow logs are how " +
        "accepted and rejected traffic is seen.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html",
    tags: ["vpc", "logging", "audit"],
    controls: { securityHub: ["EC2.6"] },
    configSchema: { properties: {} },
}, ({ model, report }) => {
    for (const vpc of model.network.createdVpcs()) {
        const logged = model.hasFlowLog(vpc.urn);
        if (isUndetermined(logged)) {
            report.undetermined(logged, `${resourceLabel(vpc)} has no flow log unless that flow log is its.`, vpc.urn);
        } else if (!logged) {
            report.violation(`${resourceLabel(vpc)} has no flow log. Without one, nobody can see which connections ` +
                `were accepted or rejected, during an incident or when debugging a rule. Fix: ${FIX}`, vpc.urn);
        }
    }
});
