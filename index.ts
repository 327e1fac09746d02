import { PolicyPack } from "@pulumi/policy";
import { catalogue, packName } from "./policies/catalogue";
import { installServerHooks } from "./policies/core/server-hooks";

installServerHooks();
new PolicyPack(packName, { policies: catalogue() });
