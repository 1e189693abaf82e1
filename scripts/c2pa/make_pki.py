#!/usr/bin/env python3
"""Create the test-only PKI that signs Provenant's C2PA samples.

    python3 scripts/c2pa/make_pki.py [--out Samples/c2pa/pki] [--seed provenant-samples-pki-v1]

Needs: Python >= 3.10 and `cryptography` >= 44 (for deterministic ECDSA):
    pip install cryptography

Layout (organisation "Provenant Samples Test PKI", country US):

    Provenant Samples Test Root CA            (EC P-384, CA, pathlen 1)
    └ Provenant Samples Test Intermediate CA  (EC P-384, CA, pathlen 0)
      ├ Provenant Samples es256 signer        (EC P-256)
      ├ Provenant Samples es384 signer        (EC P-384)
      ├ Provenant Samples ps256 signer        (RSA 2048, used with RSASSA-PSS)
      ├ Provenant Samples ed25519 signer      (Ed25519)
      └ Provenant Samples expired es256 signer (EC P-256, valid 2020..2021 only)

Every leaf follows the C2PA signer certificate profile: basicConstraints
CA:FALSE, keyUsage digitalSignature (critical), extendedKeyUsage
emailProtection + documentSigning, subject/authority key identifiers.
Validity 2025-01-01..2040-01-01 except the expired leaf.

The output is deterministic: every key is derived from --seed (EC scalars and
Ed25519 seeds by SHA-256, RSA primes from a seeded generator), serial numbers
are hashes of the subject names, and certificates are signed with
deterministic ECDSA (RFC 6979). Running the script twice writes identical
files. These keys are public test material and protect nothing.

Files written to --out:
    root_ca.pem, intermediate_ca.pem      CA certificates (CA keys are not written;
                                          re-run the script to issue new leaves)
    <name>.chain.pem                      leaf + intermediate (what a signer embeds)
    <name>.key.pem                        leaf private key (PKCS#8, unencrypted)
    trust_anchors.pem                     the root alone (use as trust anchor list)
    trust_config.cfg                      accepted EKU OIDs, one per line, // comments
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import sys

try:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier
except ImportError:  # pragma: no cover - tooling message
    sys.exit("make_pki.py needs the 'cryptography' package (>= 44): pip install cryptography")

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join(REPO_ROOT, "Samples", "c2pa", "pki")
DEFAULT_SEED = "provenant-samples-pki-v1"

ORG = "Provenant Samples Test PKI"
ROOT_CN = "Provenant Samples Test Root CA"
INTERMEDIATE_CN = "Provenant Samples Test Intermediate CA"

NOT_BEFORE = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
NOT_AFTER = dt.datetime(2040, 1, 1, tzinfo=dt.timezone.utc)
EXPIRED_NOT_BEFORE = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
EXPIRED_NOT_AFTER = dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc)

DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")

# name -> (key kind, common name, expired?)
LEAVES = {
    "es256": ("p256", "Provenant Samples es256 signer", False),
    "es384": ("p384", "Provenant Samples es384 signer", False),
    "ps256": ("rsa2048", "Provenant Samples ps256 signer", False),
    "ed25519": ("ed25519", "Provenant Samples ed25519 signer", False),
    "expired_es256": ("p256", "Provenant Samples expired es256 signer", True),
}

TRUST_CONFIG = """// Extended key usages accepted for C2PA signers of the Provenant samples
//id-kp-emailProtection
1.3.6.1.5.5.7.3.4
//id-kp-documentSigning
1.3.6.1.5.5.7.3.36
"""


# ---------------------------------------------------------------- keys

def _digest(seed: str, label: str) -> bytes:
    return hashlib.sha256(f"{seed}/{label}".encode()).digest()


def _ec_key(seed: str, label: str, curve: ec.EllipticCurve, order: int) -> ec.EllipticCurvePrivateKey:
    material = _digest(seed, label) + _digest(seed, label + "/2")
    scalar = int.from_bytes(material, "big") % (order - 1) + 1
    return ec.derive_private_key(scalar, curve)


P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
P384_ORDER = int(
    "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF"
    "581A0DB248B0A77AECEC196ACCC52973", 16)


def _is_probable_prime(n: int, rng: random.Random, rounds: int = 40) -> bool:
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(rounds):
        a = rng.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _rsa_key(seed: str, label: str, bits: int = 2048) -> rsa.RSAPrivateKey:
    rng = random.Random(_digest(seed, label))
    e = 65537

    def prime() -> int:
        while True:
            candidate = rng.getrandbits(bits // 2) | (1 << (bits // 2 - 1)) | (1 << (bits // 2 - 2)) | 1
            if (candidate - 1) % e != 0 and _is_probable_prime(candidate, rng):
                return candidate

    while True:
        p, q = prime(), prime()
        if p != q and (p * q).bit_length() == bits:
            break
    if p < q:
        p, q = q, p
    phi = (p - 1) * (q - 1)
    d = pow(e, -1, phi)
    numbers = rsa.RSAPrivateNumbers(
        p=p, q=q, d=d, dmp1=d % (p - 1), dmq1=d % (q - 1), iqmp=pow(q, -1, p),
        public_numbers=rsa.RSAPublicNumbers(e, p * q))
    return numbers.private_key()


def make_key(seed: str, label: str, kind: str):
    if kind == "p256":
        return _ec_key(seed, label, ec.SECP256R1(), P256_ORDER)
    if kind == "p384":
        return _ec_key(seed, label, ec.SECP384R1(), P384_ORDER)
    if kind == "rsa2048":
        return _rsa_key(seed, label)
    if kind == "ed25519":
        return ed25519.Ed25519PrivateKey.from_private_bytes(_digest(seed, label))
    raise ValueError(kind)


# ---------------------------------------------------------------- certificates

def _name(cn: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORG),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ])


def _serial(cn: str) -> int:
    # positive, < 2^159, never zero
    return int.from_bytes(hashlib.sha256(cn.encode()).digest()[:20], "big") >> 1 | 1


def _issue(subject_cn, subject_key, issuer_cn, issuer_key, *, ca: bool, pathlen=None,
           not_before=NOT_BEFORE, not_after=NOT_AFTER) -> x509.Certificate:
    public = subject_key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject_cn))
        .issuer_name(_name(issuer_cn))
        .public_key(public)
        .serial_number(_serial(subject_cn))
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=pathlen if ca else None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=not ca, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                       critical=False)
    )
    if not ca:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION, DOCUMENT_SIGNING]),
            critical=False)
    return builder.sign(issuer_key, hashes.SHA384(), ecdsa_deterministic=True)


def _cert_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def build(out: str, seed: str) -> list[str]:
    os.makedirs(out, exist_ok=True)
    written = []

    def write(name: str, data: bytes) -> None:
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(data)
        written.append(path)

    root_key = make_key(seed, "root", "p384")
    inter_key = make_key(seed, "intermediate", "p384")
    root = _issue(ROOT_CN, root_key, ROOT_CN, root_key, ca=True, pathlen=1)
    inter = _issue(INTERMEDIATE_CN, inter_key, ROOT_CN, root_key, ca=True, pathlen=0)
    write("root_ca.pem", _cert_pem(root))
    write("intermediate_ca.pem", _cert_pem(inter))
    write("trust_anchors.pem", _cert_pem(root))
    write("trust_config.cfg", TRUST_CONFIG.encode())

    for name, (kind, cn, expired) in LEAVES.items():
        key = make_key(seed, "leaf/" + name, kind)
        window = (EXPIRED_NOT_BEFORE, EXPIRED_NOT_AFTER) if expired else (NOT_BEFORE, NOT_AFTER)
        leaf = _issue(cn, key, INTERMEDIATE_CN, inter_key, ca=False,
                      not_before=window[0], not_after=window[1])
        write(f"{name}.chain.pem", _cert_pem(leaf) + _cert_pem(inter))
        write(f"{name}.key.pem", _key_pem(key))
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    ap.add_argument("--seed", default=DEFAULT_SEED, help="key derivation seed (default: %(default)s)")
    args = ap.parse_args(argv)
    for path in build(args.out, args.seed):
        print(f"wrote {os.path.relpath(path)} ({os.path.getsize(path)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
