import { PolicyPack } from "@pulumi/policy";
import { catalogue, packName } from "./policies";
import { installServerHooks } from "./policies/server-hooks";

installServerHooks();
new PolicyPack(packName, { policies: catalogue() });
