#!/usr/bin/env python3
"""Writes one service's environment file (the platform's application contract) from its config
and the cloud's secret store. Installed on every VM as /usr/local/sbin/platform-env and run at
boot and then every few minutes, so rotated credentials reach the service without a redeploy.

Usage: platform-env CONFIG.json OUTPUT.env
Exit status: 0 written, 75 a secret has no value yet (the platform is still being created, or
IAM has not propagated): try again later, 1 the config itself is wrong.

The config names secrets by reference only; values exist in memory and in the root-only output
file, never in the config or in a log. Python's standard library only: nothing to install.
"""
import json
import os
import subprocess
import sys
import tempfile
from urllib.parse import quote

NOT_READY = 75


class NotReady(Exception):
    pass


def secret_reader(command):
    """A function reading a secret's current value with the cloud's CLI ("{ref}" is the reference)."""

    def read(ref):
        argv = [part.replace("{ref}", ref) for part in command]
        result = subprocess.run(argv, capture_output=True, text=True)
        if result.returncode != 0:
            raise NotReady(f"secret {ref}: {result.stderr.strip().splitlines()[-1:] or ['no value']}")
        return result.stdout.rstrip("\n")

    return read


def access_token(cache_config):
    command = cache_config.get("tokenReader")
    if not command:
        raise ValueError("the cache authenticates with IAM but the config has no tokenReader")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not result.stdout.strip():
        raise NotReady(f"no access token yet ({result.stderr.strip().splitlines()[-1:] or ['no output']})")
    return result.stdout.strip()


def read_json(read, ref):
    try:
        return json.loads(read(ref))
    except json.JSONDecodeError as error:
        raise NotReady(f"secret {ref} is not JSON yet: {error}")


def postgres_url(user, password, host, port, dbname, root_cert):
    # Percent-encoded so any password works with libpq, psycopg, SQLAlchemy, Django and node-postgres.
    credentials = f"{quote(user, safe='')}:{quote(password, safe='')}"
    query = f"sslmode=verify-full&sslrootcert={quote(root_cert, safe='/')}"
    return f"postgresql://{credentials}@{host}:{port}/{quote(dbname, safe='')}?{query}"


def compose(config, read):
    env = {}
    database = config["database"]
    db = read_json(read, database["secret"])
    root_cert = database["rootCert"]
    port = str(db["port"])
    # The pool, when there is one, fronts the primary only; replicas are reached directly.
    pool = database.get("pool")
    primary_host = pool["host"] if pool else db["host"]
    primary_port = str(pool["port"]) if pool else port
    env["DATABASE_URL"] = postgres_url(db["username"], db["password"], primary_host, primary_port, db["dbname"], root_cert)
    if database.get("replicasSecret"):
        replicas = read_json(read, database["replicasSecret"])
        if replicas:
            env["DATABASE_READ_URLS"] = ",".join(
                postgres_url(db["username"], db["password"], host, port, db["dbname"], root_cert) for host in replicas
            )
    env.update(
        PGHOST=primary_host,
        PGPORT=primary_port,
        PGDATABASE=db["dbname"],
        PGUSER=db["username"],
        PGPASSWORD=db["password"],
        PGSSLMODE="verify-full",
        PGSSLROOTCERT=root_cert,
    )

    cache = read_json(read, config["cache"]["secret"])
    scheme = "rediss" if cache.get("tls", True) else "redis"
    # A cache that authenticates with IAM (Memorystore Redis Cluster) takes a current access
    # token of the instance's identity as the password: the refresh timer renews it.
    auth = access_token(config["cache"]) if cache.get("auth") == "iam" else cache["password"]
    redis_url = f"{scheme}://:{quote(auth, safe='')}@{cache['host']}:{cache['port']}/0"
    # A cache whose certificate no public CA signs (Memorystore): the URL names the CA to trust,
    # in the query parameter redis-py, Celery and kombu read.
    if config["cache"].get("rootCert"):
        redis_url += f"?ssl_ca_certs={quote(config['cache']['rootCert'], safe='/')}"
    env["REDIS_URL"] = redis_url
    env["REDIS_CLUSTER"] = "true" if cache.get("cluster") else "false"

    for name, ref in sorted(config.get("secrets", {}).items()):
        env[name] = read(ref)
    env.update(config.get("plain", {}))
    return env


def render(env):
    lines = []
    for name, value in env.items():
        # docker --env-file takes each line literally: a newline would split a value.
        if "\n" in value or "\r" in value:
            raise ValueError(f"{name} contains a line break")
        lines.append(f"{name}={value}")
    return "\n".join(lines) + "\n"


def write_private(path, text):
    directory = os.path.dirname(os.path.abspath(path))
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".env-")
    try:
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def main(argv):
    if len(argv) != 3:
        print("usage: platform-env CONFIG.json OUTPUT.env", file=sys.stderr)
        return 1
    with open(argv[1]) as handle:
        config = json.load(handle)
    try:
        text = render(compose(config, secret_reader(config["secretReader"])))
    except NotReady as reason:
        print(f"platform-env: not ready: {reason}", file=sys.stderr)
        return NOT_READY
    write_private(argv[2], text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
