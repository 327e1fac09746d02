// ALB -> web -> app -> RDS, with NACLs and VPC flow logs, written with real @pulumi/aws classes. It
// passes every policy of the pack. `mutate` names one deliberate mistake to make instead.
import * as aws from "@pulumi/aws";

export type Mutation =
    | "none"
    | "nacl-missing-return-path"
    | "nacl-ssh-from-world"
    | "nacl-duplicate-rule-number"
    | "sixth-sg-on-web"
    | "rds-public"
    | "no-flow-log"
    | "inline-and-standalone-ingress"
    | "unused-sg"
    | "default-sg-rule"
    | "app-egress-anywhere"
    | "too-many-rules"
    | "db-public-route-table"
    | "db-open-to-internet";

export function threeTier(mutate: Mutation = "none"): void {
    const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
    const subnet = (name: string, cidrBlock: string) => new aws.ec2.Subnet(name, { vpcId: vpc.id, cidrBlock });
    const publicA = subnet("public-a", "10.0.0.0/24");
    const appA = subnet("app-a", "10.0.1.0/24");
    const dbA = subnet("db-a", "10.0.2.0/24");
    // Only the public subnet routes to the internet gateway; the others keep the VPC's main table (the local route).
    const internet = new aws.ec2.InternetGateway("main", { vpcId: vpc.id });
    const publicRoutes = new aws.ec2.RouteTable("public", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: internet.id }] });
    new aws.ec2.RouteTableAssociation("public-a", { subnetId: publicA.id, routeTableId: publicRoutes.id });
    const dbInPublic = mutate === "db-public-route-table" || mutate === "db-open-to-internet";
    if (dbInPublic) {
        new aws.ec2.RouteTableAssociation("db-a", { subnetId: dbA.id, routeTableId: publicRoutes.id });
    }

    if (mutate !== "no-flow-log") {
        const logs = new aws.cloudwatch.LogGroup("flow-logs", { retentionInDays: 90 });
        new aws.ec2.FlowLog("main", { vpcId: vpc.id, trafficType: "ALL", logDestination: logs.arn, iamRoleArn: "arn:aws:iam::123456789012:role/flow-logs" });
    }
    new aws.ec2.DefaultSecurityGroup("default", {
        vpcId: vpc.id,
        ...(mutate === "default-sg-rule"
            ? { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, self: true, description: "left over" }] }
            : {}),
    });

    const group = (name: string, description: string) => new aws.ec2.SecurityGroup(name, { vpcId: vpc.id, description });
    const alb = group("alb", "Internet-facing load balancer");
    const web = mutate === "inline-and-standalone-ingress"
        ? new aws.ec2.SecurityGroup("web", {
            vpcId: vpc.id, description: "Web tier",
            ingress: [{ protocol: "tcp", fromPort: 8081, toPort: 8081, securityGroups: [alb.id], description: "health checks" }],
        })
        : group("web", "Web tier");
    const app = group("app", "Application tier");
    const db = group("db", "PostgreSQL");

    const allow = (name: string, sg: aws.ec2.SecurityGroup, port: number, from: aws.ec2.SecurityGroup, description: string) =>
        new aws.vpc.SecurityGroupIngressRule(name, { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: port, toPort: port, referencedSecurityGroupId: from.id, description });
    const send = (name: string, sg: aws.ec2.SecurityGroup, port: number, to: aws.ec2.SecurityGroup, description: string) =>
        new aws.vpc.SecurityGroupEgressRule(name, { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: port, toPort: port, referencedSecurityGroupId: to.id, description });

    new aws.vpc.SecurityGroupIngressRule("alb-https-v4", { securityGroupId: alb.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", description: "HTTPS from the internet" });
    new aws.vpc.SecurityGroupIngressRule("alb-https-v6", { securityGroupId: alb.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "::/0", description: "HTTPS from the internet (IPv6)" });
    send("alb-to-web", alb, 8080, web, "to the web tier");
    allow("web-from-alb", web, 8080, alb, "from the load balancer");
    send("web-to-app", web, 8443, app, "to the app tier");
    allow("app-from-web", app, 8443, web, "from the web tier");
    send("app-to-db", app, 5432, db, "to PostgreSQL");
    allow("db-from-app", db, 5432, app, "from the app tier");
    if (mutate === "db-open-to-internet") {
        new aws.vpc.SecurityGroupIngressRule("db-from-laptop", { securityGroupId: db.id, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0", description: "temporary" });
    }
    if (mutate === "app-egress-anywhere") {
        new aws.vpc.SecurityGroupEgressRule("app-anywhere", { securityGroupId: app.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "temporary" });
    }
    if (mutate === "too-many-rules") {
        const cidrBlocks = Array.from({ length: 61 }, (_, i) => `10.0.1.${i}/32`);
        new aws.ec2.SecurityGroupRule("app-from-hosts", { type: "ingress", securityGroupId: app.id, protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks, description: "pinned hosts" });
    }
    if (mutate === "unused-sg") {
        group("legacy", "Left over from the old stack");
    }

    const lb = new aws.lb.LoadBalancer("alb", { loadBalancerType: "application", securityGroups: [alb.id], subnets: [publicA.id] });
    const webTargets = new aws.lb.TargetGroup("web", { port: 8080, protocol: "HTTP", vpcId: vpc.id });
    new aws.lb.Listener("https", {
        loadBalancerArn: lb.arn, port: 443, protocol: "HTTPS", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/example",
        defaultActions: [{ type: "forward", targetGroupArn: webTargets.arn }],
    });
    const extra = mutate === "sixth-sg-on-web"
        ? ["ssm", "monitoring", "backup", "audit", "debug"].map((n) => group(n, `Sidecar: ${n}`).id)
        : [];
    const webHost = new aws.ec2.Instance("web", { ami: "ami-123", instanceType: "t3.micro", subnetId: appA.id, vpcSecurityGroupIds: [web.id, ...extra] });
    new aws.lb.TargetGroupAttachment("web", { targetGroupArn: webTargets.arn, targetId: webHost.id, port: 8080 });
    new aws.ec2.Instance("app", { ami: "ami-123", instanceType: "t3.micro", subnetId: appA.id, vpcSecurityGroupIds: [app.id] });
    const subnets = new aws.rds.SubnetGroup("db", { name: "three-tier-db", subnetIds: [dbA.id, appA.id] });
    new aws.rds.Instance("db", {
        engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20, dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [db.id], publiclyAccessible: mutate === "rds-public" || dbInPublic, username: "app", manageMasterUserPassword: true,
    });

    // Public subnet: HTTPS in from anywhere, replies out; ALB -> web on 8080, replies in.
    new aws.ec2.NetworkAcl("public", {
        vpcId: vpc.id,
        subnetIds: [publicA.id],
        ingress: [
            { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" },
            // Replies from the web tier only: ephemeral ports open to the world would admit RDP too.
            { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: "10.0.0.0/16" },
            ...(mutate === "nacl-ssh-from-world" ? [{ ruleNo: 120, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" }] : []),
        ],
        egress: [
            // The specific entry first, so that the replies entry does not shadow it.
            { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlock: "10.0.1.0/24" },
            { ruleNo: mutate === "nacl-duplicate-rule-number" ? 100 : 110, action: "allow", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: "0.0.0.0/0" },
        ],
    });
    // Private subnets: web/app traffic from inside the VPC, PostgreSQL to the DB subnet, replies both ways.
    const privateAcl = new aws.ec2.NetworkAcl("private", {
        vpcId: vpc.id,
        ingress: [
            { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 8080, toPort: 8443, cidrBlock: "10.0.0.0/16" },
            { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlock: "10.0.1.0/24" },
            { ruleNo: 120, action: "allow", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: "10.0.0.0/16" },
        ],
        egress: [
            { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlock: "10.0.2.0/24" },
            { ruleNo: 120, action: "allow", protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlock: "10.0.1.0/24" },
        ],
    });
    // The mistake: replies only to the app subnet, so web-tier clients elsewhere in the VPC hang.
    new aws.ec2.NetworkAclRule("private-replies", {
        networkAclId: privateAcl.id, ruleNumber: 200, egress: true, protocol: "tcp", ruleAction: "allow",
        fromPort: 1024, toPort: 65535, cidrBlock: mutate === "nacl-missing-return-path" ? "10.0.1.0/24" : "10.0.0.0/16",
    });
    new aws.ec2.NetworkAclAssociation("app-a", { networkAclId: privateAcl.id, subnetId: appA.id });
    if (mutate !== "db-open-to-internet") {
        new aws.ec2.NetworkAclAssociation("db-a", { networkAclId: privateAcl.id, subnetId: dbA.id });
    }
}
