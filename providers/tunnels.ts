// What every cloud's site-to-site tunnels share: the pre-shared keys come from the random
// provider (never a literal in the program or the stack file) and the IKE/IPsec proposals are
// limited to IKEv2, AES-256, SHA-2 and Diffie-Hellman groups of 2048 bits or more.

import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/**
 * Letters only, 48 of them (about 270 bits): AWS accepts letters, digits, "." and "_" but no
 * leading zero, Azure and GCP accept any printable ASCII; letters satisfy all three unquoted.
 */
export const PRESHARED_KEY_LENGTH = 48;

export function presharedKey(name: string, opts: pulumi.CustomResourceOptions): random.RandomPassword {
    return new random.RandomPassword(name, { length: PRESHARED_KEY_LENGTH, special: false, numeric: false, minLower: 1, minUpper: 1 }, opts);
}

/**
 * Groups 14-21 only: 2048-bit MODP and up, and the elliptic curves. Groups 1, 2, 5 are too
 * short, and 22-24 (RFC 5114) have small subgroups; none is offered.
 */
export const STRONG_DH_GROUPS = [14, 15, 16, 17, 18, 19, 20, 21] as const;

/** A static route per peer range when the stack lists them; BGP with peerAsn otherwise. */
export function usesStaticRoutes(peerCidrs: readonly string[]): boolean {
    return peerCidrs.length > 0;
}
