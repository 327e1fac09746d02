import { PolicyPack } from "@pulumi/policy";
import { catalogue, packName } from "./policies";
import { rejectInvalidConfigAtConfigure } from "./policies/pack-config";

rejectInvalidConfigAtConfigure();
new PolicyPack(packName, { policies: catalogue() });
