import { statementsOf, Statement } from "../../../lib/iam";
import { asArray, asRecord, Props, read } from "../../../lib/values";
import { IAM_GROUP_POLICY, IAM_POLICY, IAM_ROLE, IAM_ROLE_POLICY, IAM_USER_POLICY } from "../types";

/** Every type that carries an identity policy document, and where. */
export const POLICY_DOCUMENT_TYPES = [IAM_ROLE_POLICY, IAM_POLICY, IAM_USER_POLICY, IAM_GROUP_POLICY, IAM_ROLE];

export interface Document {
    /** "policy" or "inlinePolicies[0]" for messages. */
    where: string;
    statements: Statement[];
}

export function identityDocuments(type: string, props: Props): Document[] {
    if (type === IAM_ROLE) {
        return asArray(read(() => props.inlinePolicies)).flatMap((entry, index) => {
            const statements = statementsOf(asRecord(entry)?.policy);
            return statements ? [{ where: `inlinePolicies[${index}]`, statements }] : [];
        });
    }
    const statements = statementsOf(read(() => props.policy));
    return statements ? [{ where: "policy", statements }] : [];
}
