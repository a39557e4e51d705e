import { asRecord, isUnknown, Props, read, Unknown } from "../../../lib/values";

/** A metadata key's value as GCP reads it: "TRUE", "true" and "1" all switch a feature on. */
export function metadataFlag(props: Props, key: string): boolean | undefined | Unknown {
    const metadata = read(() => props.metadata);
    if (isUnknown(metadata)) {
        return metadata;
    }
    const value = read(() => asRecord(metadata)?.[key]);
    if (isUnknown(value)) {
        return value;
    }
    if (value === undefined || value === null) {
        return undefined;
    }
    return ["true", "1", "yes", "y"].includes(String(value).toLowerCase());
}
