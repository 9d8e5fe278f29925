#!/usr/bin/env python3
"""Golden vectors for envelope v2 and the local tenant KEK file, computed independently of the Java code
(Python `cryptography` AESGCM over the layouts in vault/ENVELOPE.md). Writes kek.key, kek.key.tenants/acme-1.kek
and prints the hex values pinned in GoldenVectors.java. Run: python3 generate.py"""
import base64, hashlib, os, struct
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

def rng(first, n): return bytes((first + i) & 0xff for i in range(n))
def i32(n): return struct.pack(">i", n)
def field(s): b = s.encode(); return i32(len(b)) + b
def context(entries):  # canonical encryption context, ENVELOPE.md section 2
    out = b"authpipe-ec-v1" + i32(len(entries))
    for k in sorted(entries): out += field(k) + field(entries[k])
    return out
def wrap_v1(kek, ctx, iv, key):  # wrapped-key format v1, ENVELOPE.md section 3
    return b"\x01" + iv + AESGCM(kek).encrypt(iv, key, b"\x01" + context(ctx))

MASTER, TENANT_KEK, DEK = rng(0x40, 32), rng(0x60, 32), rng(0x00, 32)
KEK_FILE_IV, DEK_WRAP_IV, ENVELOPE_IV = rng(0x20, 12), rng(0x24, 12), rng(0x10, 12)
fingerprint = hashlib.sha256(TENANT_KEK).hexdigest()[:16]
kek_ref = "local:acme:1:" + fingerprint
kek_file = wrap_v1(MASTER, {"tenant": "acme", "purpose": "tenant-kek", "kek": "1"}, KEK_FILE_IV, TENANT_KEK)
wrapped_dek = wrap_v1(TENANT_KEK, {"tenant": "acme", "purpose": "tenant-data-key"}, DEK_WRAP_IV, DEK)

ref = kek_ref.encode()
header = b"\x02" + struct.pack(">H", len(ref)) + ref + struct.pack(">H", len(wrapped_dek)) + wrapped_dek
aad = header + b"authpipe-aad-v2" + field("acme") + field("mastodon") + field("alice") + field("ACCESS_TOKEN")
envelope = header + ENVELOPE_IV + AESGCM(DEK).encrypt(ENVELOPE_IV, b"tok_golden-vector", aad)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "kek.key"), "w") as f:
    f.write("# authpipe-kek v1\n# golden master key 0x40..0x5f: test data only\n" + base64.b64encode(MASTER).decode() + "\n")
os.makedirs(os.path.join(here, "kek.key.tenants"), exist_ok=True)
with open(os.path.join(here, "kek.key.tenants", "acme-1.kek"), "w") as f:
    f.write("# authpipe-tenant-kek v1\n# golden tenant KEK 0x60..0x7f of acme, key 1: test data only\n"
            + base64.b64encode(kek_file).decode() + "\n")
for name, value in [("KEK_REF_V2", kek_ref), ("TENANT_KEK_FILE_HEX", kek_file.hex()), ("WRAPPED_DEK_V2_HEX", wrapped_dek.hex()),
                    ("AAD_V2_HEX", aad.hex()), ("ENVELOPE_V2_HEX", envelope.hex())]:
    print(name, "=", value)
