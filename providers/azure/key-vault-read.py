#!/usr/bin/env python3
"""Prints the current value of one Key Vault secret, read with the VM's user-assigned managed
identity. Installed on every app VM as platform-env's secret reader.

Usage: key-vault-read https://<vault>.vault.azure.net/secrets/<name>
Exit status: 0 printed, 1 no value (not yet written, or the role assignment has not propagated):
platform-env then reports "not ready" and the caller tries again later.

Python's standard library only (Ubuntu ships python3, not the az CLI). The vault is reached
through its private endpoint; the token comes from the instance metadata service, which only
this VM can reach.
"""
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

IMDS = "http://169.254.169.254/metadata/identity/oauth2/token"
API_VERSION = "7.4"
# The identity the scale set carries; the fleet writes its client id here at install time.
CLIENT_ID = "@CLIENT_ID@"


def fetch(request):
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def token():
    query = urllib.parse.urlencode({"api-version": "2018-02-01", "resource": "https://vault.azure.net", "client_id": CLIENT_ID})
    return fetch(urllib.request.Request(f"{IMDS}?{query}", headers={"Metadata": "true"}))["access_token"]


def main(argv):
    if len(argv) != 2 or not argv[1].startswith("https://"):
        print("usage: key-vault-read https://<vault>.vault.azure.net/secrets/<name>", file=sys.stderr)
        return 1
    try:
        value = fetch(urllib.request.Request(f"{argv[1]}?api-version={API_VERSION}", headers={"Authorization": f"Bearer {token()}"}))["value"]
    except urllib.error.HTTPError as error:
        # 404 before the secret is written, 403 before the role assignment propagates.
        print(f"{argv[1]}: HTTP {error.code}", file=sys.stderr)
        return 1
    except (urllib.error.URLError, OSError, KeyError, ValueError) as error:
        print(f"{argv[1]}: {error}", file=sys.stderr)
        return 1
    print(value)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
