"""Licence statements checked offline by code nobody here wrote: PyJWT with
the `cryptography` backend, against the published JWKS, as an app would.

Usage: verify_statements.py BASE_URL ACCESS_TOKEN
"""
import base64
import datetime
import json
import sys
import urllib.request

import jwt  # PyJWT
from freezegun import freeze_time

STATEMENT_TYPE = "licence-statement+jwt"


def verify(statement: str, jwks: dict) -> dict:
    """What an app runs: docs/integrators.md shows these lines."""
    header = jwt.get_unverified_header(statement)
    if header.get("typ") != STATEMENT_TYPE:
        raise jwt.InvalidTokenError("not a licence statement")
    # Only a key published for statements: never a token or checkpoint key.
    key = next((k for k in jwks["keys"] if k["kid"] == header.get("kid") and k.get("purpose") == "statement"), None)
    if key is None:
        raise jwt.InvalidTokenError("unknown key: fetch /.well-known/jwks.json again")
    return jwt.decode(
        statement,
        jwt.PyJWK(key).key,
        algorithms=["EdDSA"],
        issuer="agency-registry",
        options={"require": ["exp", "iat", "iss", "sub"]},
    )


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def refused(statement: str, jwks: dict, error: type) -> None:
    try:
        verify(statement, jwks)
    except error:
        return
    raise SystemExit(f"accepted what must be refused ({error.__name__})")


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def main() -> None:
    base, access_token = sys.argv[1], sys.argv[2]
    jwks = json.loads(get(f"{base}/.well-known/jwks.json"))
    checked = 0
    revoked = json.loads(get(f"{base}/v1/agencies?license_status=revoked&limit=1"))["items"][0]
    numbers = ["UZ-TK-0123"] + [l["license_number"] for l in revoked["licenses"] if l["status"] == "revoked"][:1]
    for number in numbers:
        statement = get(f"{base}/v1/licenses/{number}/statement").decode()
        check = json.loads(get(f"{base}/v1/licenses/{number}"))
        claims = verify(statement, jwks)
        for field in ("status", "can_recruit", "valid_from", "valid_until", "destination_countries", "sectors"):
            assert claims[field] == check[field], (number, field, claims[field], check[field])
        assert claims["sub"] == check["license_number"]
        assert claims["agency"]["id"] == check["agency"]["id"]
        assert claims["exp"] - claims["iat"] <= 7 * 24 * 3600
        checked += 1

        # Tampered: "revoked" made "active" keeps the signature of the original.
        head, payload, signature = statement.split(".")
        forged = dict(claims, status="active", can_recruit=True)
        refused(f"{head}.{b64(forged)}.{signature}", jwks, jwt.InvalidSignatureError)
        # Expired: the same statement on a phone that stayed offline 8 days.
        later = datetime.datetime.fromtimestamp(claims["iat"], datetime.timezone.utc) + datetime.timedelta(days=8)
        with freeze_time(later):
            refused(statement, jwks, jwt.ExpiredSignatureError)

    # An access token is no statement, even relabelled: its key is a token key.
    refused(access_token, jwks, jwt.InvalidTokenError)
    head, payload, signature = access_token.split(".")
    header = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    relabelled = f"{b64(dict(header, typ=STATEMENT_TYPE))}.{payload}.{signature}"
    refused(relabelled, jwks, jwt.InvalidTokenError)
    # Every published key says what it signs.
    assert {k.get("purpose") for k in jwks["keys"]} == {"token", "statement", "checkpoint"}, jwks
    print(f"PyJWT verified {checked} statements and refused tampered, expired and relabelled ones")


if __name__ == "__main__":
    main()
