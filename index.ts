import { PolicyPack } from "@pulumi/policy";
import { catalogue, packName } from "./policies";

new PolicyPack(packName, { policies: catalogue() });
