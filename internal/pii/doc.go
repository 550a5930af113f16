// Package pii holds the algorithm-level code of GTR's "ed25519_curve25519"
// PII encryption, for package gtr to wrap with its public types:
//
//   - Ed25519 keys to X25519 keys, with libsodium's semantics
//     (crypto_sign_ed25519_sk_to_curve25519 / _pk_to_curve25519);
//   - the NaCl box shared key (crypto_box_beforenm) and sealing and opening
//     of Base64(nonce ‖ tag ‖ ciphertext) payloads;
//   - the JSON walkers of the JSON_FIELD_ENCRYPT and JSON_FIELD_HASH
//     formats, writing the per-leaf metadata object byte for byte as GTR's
//     Java tools (Jackson) do.
//
// The package knows nothing of GTR's wire limits or of the public API; it
// imports no public package of this module. Its error messages never carry
// key material or payload content.
package pii
