import { catalogue, packName } from "./policies/catalogue";
import { servePolicyPack } from "./policies/core/server-hooks";

servePolicyPack(packName, { policies: catalogue() });
