#!/usr/bin/env python3
"""Generate libsodium_vectors.json: reference values for gtr's PII tests.

GTR's Java tools run libsodium (through lazysodium-java). This script calls the
system libsodium through ctypes, so the Go tests compare against the very
library GTR uses, not against Go code:

  crypto_sign_seed_keypair                  Ed25519 key pairs from fixed seeds
  crypto_sign_ed25519_pk_to_curve25519      public key conversion, and which
                                            public keys libsodium refuses
  crypto_sign_ed25519_sk_to_curve25519      private key conversion
  crypto_box_beforenm                       shared keys
  crypto_box_easy_afternm                   sealed payloads with fixed nonces

JSON_FIELD_ENCRYPT leaves are sealed here too, over metadata objects written
the way Jackson writes them (including Java's Double.toString text such as
"1.0E20"), and JSON_FIELD_HASH digests use a Keccak-256 written below from
the Keccak reference (original 0x01 padding), checked against the published
empty-input digest and, with SHA-3 padding, against hashlib.sha3_256.

Run from this directory:  python3 libsodium_vectors.py > libsodium_vectors.json
Needs only Python 3 and libsodium (Debian: libsodium23).
"""

import base64
import ctypes
import ctypes.util
import hashlib
import json
import sys

lib = ctypes.util.find_library("sodium")
if not lib:
    sys.exit("libsodium not found")
na = ctypes.CDLL(lib)
if na.sodium_init() < 0:
    sys.exit("sodium_init failed")
na.sodium_version_string.restype = ctypes.c_char_p
VERSION = na.sodium_version_string().decode()


def buf(n):
    return ctypes.create_string_buffer(n)


def seed_keypair(seed):
    pk, sk = buf(32), buf(64)
    assert na.crypto_sign_seed_keypair(pk, sk, seed) == 0
    return pk.raw, sk.raw


def pk_to_x(pk):
    out = buf(32)
    rc = na.crypto_sign_ed25519_pk_to_curve25519(out, pk)
    return out.raw if rc == 0 else None


def sk_to_x(sk):
    out = buf(32)
    assert na.crypto_sign_ed25519_sk_to_curve25519(out, sk) == 0
    return out.raw


def beforenm(xpk, xsk):
    out = buf(32)
    assert na.crypto_box_beforenm(out, xpk, xsk) == 0
    return out.raw


def easy_afternm(msg, nonce, k):
    out = buf(len(msg) + 16)
    assert na.crypto_box_easy_afternm(out, msg, ctypes.c_ulonglong(len(msg)), nonce, k) == 0
    return out.raw


def open_easy_afternm(c, nonce, k):
    out = buf(len(c) - 16)
    rc = na.crypto_box_open_easy_afternm(out, c, ctypes.c_ulonglong(len(c)), nonce, k)
    return out.raw if rc == 0 else None


b64 = lambda b: base64.b64encode(b).decode()

# ---- Keccak-256 (original padding) from the Keccak reference --------------


def _rc_bit(t):
    if t % 255 == 0:
        return 1
    r = [1, 0, 0, 0, 0, 0, 0, 0]
    for _ in range(t % 255):
        r = [0] + r
        r[0] ^= r[8]
        r[4] ^= r[8]
        r[5] ^= r[8]
        r[6] ^= r[8]
        r = r[:8]
    return r[0]


RC = []
for ir in range(24):
    v = 0
    for j in range(7):
        if _rc_bit(j + 7 * ir):
            v |= 1 << ((1 << j) - 1)
    RC.append(v)
ROT = [[0] * 5 for _ in range(5)]
x, y = 1, 0
for t in range(24):
    ROT[x][y] = ((t + 1) * (t + 2) // 2) % 64
    x, y = y, (2 * x + 3 * y) % 5
M = (1 << 64) - 1
rotl = lambda v, n: ((v << n) | (v >> (64 - n))) & M if n else v


def keccak_f(A):
    for ir in range(24):
        C = [A[x][0] ^ A[x][1] ^ A[x][2] ^ A[x][3] ^ A[x][4] for x in range(5)]
        D = [C[(x - 1) % 5] ^ rotl(C[(x + 1) % 5], 1) for x in range(5)]
        A = [[A[x][y] ^ D[x] for y in range(5)] for x in range(5)]
        B = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                B[y][(2 * x + 3 * y) % 5] = rotl(A[x][y], ROT[x][y])
        A = [[B[x][y] ^ ((~B[(x + 1) % 5][y]) & B[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        A[0][0] ^= RC[ir]
    return A


def keccak256(data, pad=0x01):
    rate = 136
    msg = bytearray(data) + bytes([pad])
    while len(msg) % rate:
        msg.append(0)
    msg[-1] |= 0x80
    A = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        block = msg[off:off + rate]
        for i in range(rate // 8):
            x, y = i % 5, i // 5
            A[x][y] ^= int.from_bytes(block[8 * i:8 * i + 8], "little")
        A = keccak_f(A)
    out = b"".join(A[i % 5][i // 5].to_bytes(8, "little") for i in range(4))
    return out


assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
for probe in (b"", b"abc", bytes(range(200)), b"x" * 136, b"x" * 135):
    assert keccak256(probe, pad=0x06) == hashlib.sha3_256(probe).digest()

# ---- Jackson-style JSON strings and metadata --------------------------------


def jackson_string(s):
    out = ['"']
    short = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
    for ch in s:
        if ch in short:
            out.append(short[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def metadata(typ, value):
    return '{"type":' + jackson_string(typ) + ',"value":' + jackson_string(value) + "}"


# ---- Edwards25519 arithmetic for edge-case public keys ----------------------

P = 2**255 - 19
D = (-121665 * pow(121666, P - 2, P)) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def decode_point(b):
    y = int.from_bytes(b, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    y %= P
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P:
        return None
    if (x & 1) != sign:
        x = (P - x) % P
    return (x, y)


def encode_point(pt):
    x, y = pt
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def add(p1, p2):
    (x1, y1), (x2, y2) = p1, p2
    t = D * x1 * x2 * y1 * y2 % P
    x3 = (x1 * y2 + y1 * x2) * pow(1 + t, P - 2, P) % P
    y3 = (y1 * y2 + x1 * x2) * pow(1 - t, P - 2, P) % P
    return (x3, y3)


# ---- vectors ----------------------------------------------------------------

keys = {}
order = []


def add_key(name, seed):
    pk, sk = seed_keypair(seed)
    keys[name] = dict(seed=seed, pk=pk, sk=sk, xpk=pk_to_x(pk), xsk=sk_to_x(sk))
    order.append(name)


add_key("alice", hashlib.sha256(b"vaspkit gtr test key alice").digest())
add_key("bob", hashlib.sha256(b"vaspkit gtr test key bob").digest())
# GTR's demo key pair (spec section 12, TV-3): 64-byte seed || public key.
gtr_demo_sk = base64.b64decode("+aIO2lX7wZn4Qh+SQUFKfjyR5snd6AkTqeKKmDIplzY0tCgDQPELNZKsMWBXbHcZTdW9Gb4BCKsBFpIH7SoQLQ==")
add_key("gtr-demo", gtr_demo_sk[:32])
assert keys["gtr-demo"]["sk"] == gtr_demo_sk

out = {
    "generator": "libsodium_vectors.py with libsodium " + VERSION,
    "keys": [
        {
            "name": n,
            "seed": b64(keys[n]["seed"]),
            "secretKey": b64(keys[n]["sk"]),
            "publicKey": b64(keys[n]["pk"]),
            "x25519Public": keys[n]["xpk"].hex(),
            "x25519Secret": keys[n]["xsk"].hex(),
        }
        for n in order
    ],
    "shared": [],
    "boxes": [],
}

for mine, theirs in (("alice", "bob"), ("bob", "alice"), ("alice", "gtr-demo"), ("gtr-demo", "bob")):
    k = beforenm(keys[theirs]["xpk"], keys[mine]["xsk"])
    out["shared"].append({"mine": mine, "theirs": theirs, "key": k.hex()})


def shared(mine, theirs):
    return beforenm(keys[theirs]["xpk"], keys[mine]["xsk"])


with open("ivms_gtr_envelope_2kib.json", "rb") as f:
    ivms2k = f.read()
plaintexts = [
    ("one byte", b"{"),
    ("fifteen bytes", b'{"a":"bcdefgh"}'),
    ("sixteen bytes", b'{"a":"bcdefghi"}'),
    ("seventeen bytes", b'{"a":"bcdefghij"}'),
    ("sixty-four bytes", b'{"name":"' + b"x" * 53 + b'"}'),
    ("utf-8", '{"name":"Jürgen Ødegård 山田太郎","note":"\\u0001 <&>"}'.encode()),
    ("ivms101 2 KiB", ivms2k),
]
for i, (label, pt) in enumerate(plaintexts):
    for mine, theirs in (("alice", "bob"), ("gtr-demo", "alice")):
        nonce = hashlib.sha256(("nonce %d %s %s" % (i, mine, theirs)).encode()).digest()[:24]
        c = easy_afternm(pt, nonce, shared(mine, theirs))
        assert open_easy_afternm(c, nonce, shared(theirs, mine)) == pt
        out["boxes"].append({
            "label": label, "from": mine, "to": theirs, "nonce": nonce.hex(),
            "plaintext": b64(pt), "securedPayload": b64(nonce + c),
        })

# Public keys and whether libsodium converts them.
checks = []


def check(label, raw):
    x = pk_to_x(raw)
    checks.append({"label": label, "publicKey": raw.hex(), "libsodiumAccepts": x is not None,
                   "x25519Public": x.hex() if x else ""})


for n in order:
    check("key " + n, keys[n]["pk"])
check("GTR docs sample public key", base64.b64decode("0szeNNub/IGoe623JCGD4B4bH8I94FozOeZjv1dKlXQ="))
identity = (0, 1)
check("identity", encode_point(identity))
check("order 2 (y = -1)", encode_point((0, P - 1)))
check("order 4 (y = 0)", encode_point(decode_point((0).to_bytes(32, "little"))))
t8 = decode_point(bytes.fromhex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"))
assert t8 is not None
check("order 8", encode_point(t8))
check("order 8, other", bytes.fromhex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"))
alice_pt = decode_point(keys["alice"]["pk"])
check("mixed order (alice + order-8 point)", encode_point(add(alice_pt, t8)))
check("mixed order (bob + order-4 point)", encode_point(add(decode_point(keys["bob"]["pk"]), decode_point((0).to_bytes(32, "little")))))
# Non-canonical encodings y + p of the valid points with y < 19.
for y in range(19):
    enc = (y + P).to_bytes(32, "little")
    if decode_point(enc) is not None:
        check("non-canonical y = %d + p" % y, enc)
# y values that are not on the curve.
bad = 2
while decode_point(bad.to_bytes(32, "little")) is not None:
    bad += 1
check("not on the curve (y = %d)" % bad, bad.to_bytes(32, "little"))
check("alice with the sign bit flipped", bytes(keys["alice"]["pk"][:31]) + bytes([keys["alice"]["pk"][31] ^ 0x80]))
out["publicKeyChecks"] = checks

# JSON_FIELD_ENCRYPT: a document sealed leaf by leaf from alice to bob, with
# metadata as GTR's Java tools write it.
fe_leaves = [
    ("name", "string", 'Jürgen "JJ" Ødegård\t<x>'),
    ("age", "int", "42"),
    ("big", "long", "9007199254740993"),
    ("huge", "string", "123456789012345678901234567890"),
    ("ratio", "double", "1.0E20"),
    ("price", "double", "0.5"),
    ("active", "boolean", "true"),
    ("ctl", "string", "\u0001\u001f/\u2028"),
]
parts = []
for i, (key, typ, val) in enumerate(fe_leaves):
    nonce = hashlib.sha256(("field nonce %d" % i).encode()).digest()[:24]
    meta = metadata(typ, val).encode()
    c = easy_afternm(meta, nonce, shared("alice", "bob"))
    parts.append(jackson_string(key) + ":" + jackson_string(b64(nonce + c)))
out["fieldEncrypt"] = {
    "from": "alice", "to": "bob",
    "securedPayload": '{"person":{' + ",".join(parts[:4]) + '},"list":[' + ",".join(p.split(":", 1)[1] for p in parts[4:]) + '],"none":null}',
    # What GTR's Java tools give back after opening: Jackson's compact output,
    # doubles in Double.toString form.
    "plaintext": '{"person":{"name":' + jackson_string(fe_leaves[0][2]) + ',"age":42,"big":9007199254740993,"huge":'
    + jackson_string(fe_leaves[3][2]) + '},"list":[1.0E20,0.5,true,' + jackson_string(fe_leaves[7][2]) + '],"none":null}',
}

# JSON_FIELD_HASH: Keccak-256(metadata || salt) per leaf.
salt = "5b9d1c2e-7f3a-4c8b-9e6d-0a1b2c3d4e5f"
hash_leaves = [
    ("string", "Jane"),
    ("string", "1992-10-04"),
    ("string", "Jürgen \"JJ\" <&> \u0001\n"),
    ("int", "42"),
    ("long", "9007199254740993"),
    ("double", "0.5"),
    ("boolean", "true"),
    ("string", ""),
]
out["fieldHash"] = {
    "salt": salt,
    "leaves": [
        {"type": t, "value": v, "metadata": metadata(t, v),
         "hash": b64(keccak256((metadata(t, v) + salt).encode()))}
        for t, v in hash_leaves
    ],
}

json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
sys.stdout.write("\n")
