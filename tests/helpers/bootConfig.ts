// The platform-env config a VM boot script writes (providers/vm/bootScript.ts heredoc), read
// back from a recorded plan so tests can check what an instance's environment is made of.

import { expect } from "chai";
import { PLATFORM_DIR, ServiceEnvironmentConfig } from "../../providers/vm/serviceEnvironment";

export function bootConfigOf(script: string): ServiceEnvironmentConfig {
    const match = new RegExp(`cat > ${PLATFORM_DIR}/[^/\\s]+\\.json <<'PLATFORM_EOF'\\n([\\s\\S]*?)\\nPLATFORM_EOF`).exec(script);
    expect(match, "a platform-env config in the boot script").to.not.equal(null);
    return JSON.parse(match![1]) as ServiceEnvironmentConfig;
}

export function decodeBase64(text: unknown): string {
    expect(text, "base64 boot script").to.be.a("string");
    return Buffer.from(text as string, "base64").toString("utf8");
}
