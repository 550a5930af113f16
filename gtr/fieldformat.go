package gtr

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/vaspkit/vaspkit/internal/pii"
)

// FormatType is a piiSecuredInfo.piiSecretFormatType value: how the PII JSON
// document is turned into the securedPayload.
type FormatType string

// The format types GTR defines (spec §7.3).
const (
	// FullJSONObjectEncrypt seals the whole document once; securedPayload is
	// one Base64 string. GTR's recommended default, and the SDK's.
	FullJSONObjectEncrypt FormatType = "FULL_JSON_OBJECT_ENCRYPT"

	// JSONFieldEncrypt keeps the JSON structure in clear and seals every
	// string, number and boolean leaf separately, each as the metadata object
	// {"type":"<java type>","value":"<text>"}; securedPayload is the
	// resulting JSON text.
	JSONFieldEncrypt FormatType = "JSON_FIELD_ENCRYPT"

	// JSONFieldHash replaces every leaf by Base64(Keccak-256(metadata ‖ salt)),
	// one-way, with secretAlgorithm keccak256 (GTR's Java constant is
	// JSON_FIELD_HASHED; the wire value is JSON_FIELD_HASH).
	JSONFieldHash FormatType = "JSON_FIELD_HASH"
)

// Errors of the format types.
var (
	// ErrUnsupportedFormat reports a piiSecretFormatType the SDK does not
	// know, or an operation the format does not allow (opening hashes).
	ErrUnsupportedFormat = errors.New("unsupported piiSecretFormatType")

	// ErrInvalidDocument reports a PII document, or a JSON_FIELD_ENCRYPT /
	// JSON_FIELD_HASH payload, that is not the JSON the format needs. The
	// message gives a byte offset or a JSON Pointer path, never content.
	ErrInvalidDocument = pii.ErrInvalidDocument

	// ErrUnsupportedSpecVersion reports a piiSpecVersion the SDK cannot
	// write: it writes IVMS101 2020 ("ivms101-2020") only.
	ErrUnsupportedSpecVersion = errors.New("unsupported piiSpecVersion")
)

// constError is an error constant: a sentinel the package keeps to itself
// (and so keeps no variable for).
type constError string

func (e constError) Error() string { return string(e) }

// errInvalidSalt reports a JSON_FIELD_HASH salt outside 11..249 characters
// (TRVIP-0002 §3: 10 < length < 250), sent by a counterparty or given to
// hashFields.
const errInvalidSalt = constError("invalid JSON_FIELD_HASH salt")

// parseFormatType reads a piiSecretFormatType in any case, also accepting
// the Java constant name JSON_FIELD_HASHED. An empty value means
// FULL_JSON_OBJECT_ENCRYPT (legacy messages carry none). Unknown values come
// back as sent with an error that errors.Is(err, ErrUnsupportedFormat).
func parseFormatType(s string) (FormatType, error) {
	switch f := FormatType(strings.ToUpper(strings.TrimSpace(s))); f {
	case "":
		return FullJSONObjectEncrypt, nil
	case FullJSONObjectEncrypt, JSONFieldEncrypt, JSONFieldHash:
		return f, nil
	case "JSON_FIELD_HASHED":
		return JSONFieldHash, nil
	}
	return FormatType(s), fmt.Errorf("gtr: %w %q", ErrUnsupportedFormat, truncate(s, 32))
}

// SealDocument turns the PII JSON document doc into a securedPayload of the
// given format: FULL_JSON_OBJECT_ENCRYPT seals it whole (exactly as Seal),
// JSON_FIELD_ENCRYPT seals each leaf. JSON_FIELD_HASH is not sealing: use
// hashFields. The result must fit maxSecuredPayloadLen characters, else a
// ErrPayloadTooLarge.
func (s *piiSealer) SealDocument(doc []byte, format FormatType) (string, error) {
	if len(doc) == 0 {
		return "", fmt.Errorf("gtr: seal PII document: %w", ErrEmptyPayload)
	}
	switch format {
	case FullJSONObjectEncrypt:
		if !json.Valid(doc) {
			return "", fmt.Errorf("gtr: seal PII document: %w: not valid JSON", ErrInvalidDocument)
		}
		return s.Seal(doc)
	case JSONFieldEncrypt:
		k, err := s.shared()
		if err != nil {
			return "", err
		}
		out, err := k.EncryptFields(s.rand, doc)
		if err != nil {
			return "", fmt.Errorf("gtr: seal PII document: %w", err)
		}
		if len(out) > maxSecuredPayloadLen {
			return "", payloadTooLarge("securedPayload", len(out), maxSecuredPayloadLen, "characters")
		}
		return string(out), nil
	case JSONFieldHash:
		return "", fmt.Errorf("gtr: seal PII document: %w: %s is hashed, not sealed", ErrUnsupportedFormat, format)
	}
	return "", fmt.Errorf("gtr: seal PII document: %w %q", ErrUnsupportedFormat, truncate(string(format), 32))
}

// OpenDocument returns the PII JSON document of a securedPayload of the given
// format. For JSON_FIELD_ENCRYPT each leaf is opened and restored with its
// type (integers, numbers, booleans, strings; null stays null) into compact
// JSON with the sender's key order. Open failures wrap ErrCannotDecrypt and, for
// field encryption, name the leaf's JSON Pointer path. JSON_FIELD_HASH
// cannot be opened: compare with verifyFieldHashes.
func (s *piiSealer) OpenDocument(securedPayload string, format FormatType) ([]byte, error) {
	if err := checkReceived(securedPayload); err != nil {
		return nil, err
	}
	switch format {
	case FullJSONObjectEncrypt:
		return s.Open(securedPayload)
	case JSONFieldEncrypt:
		k, err := s.shared()
		if err != nil {
			return nil, err
		}
		doc, err := k.DecryptFields([]byte(securedPayload))
		if err != nil {
			return nil, fmt.Errorf("gtr: open PII document: %w", err)
		}
		return doc, nil
	case JSONFieldHash:
		return nil, fmt.Errorf("gtr: open PII document: %w: %s is one-way (its hashes can only be compared with data we hold, not opened)", ErrUnsupportedFormat, format)
	}
	return nil, fmt.Errorf("gtr: open PII document: %w %q", ErrUnsupportedFormat, truncate(string(format), 32))
}

// Salt length bounds of JSON_FIELD_HASH, exclusive (TRVIP-0002 §3).
const (
	minSaltExclusive = 10
	maxSaltExclusive = 250
)

// generateSalt returns a fresh JSON_FIELD_HASH salt: a random UUIDv4 in
// lower-case text (36 characters), read from r (crypto/rand when r is nil).
// The initiator uses a new salt for every travel rule and sends it along
// (hashSalt and encryptionParams.keccak256.salt).
func generateSalt(r io.Reader) (string, error) {
	if r == nil {
		r = rand.Reader
	}
	var u [16]byte
	if _, err := io.ReadFull(r, u[:]); err != nil {
		return "", fmt.Errorf("gtr: generate salt: %w", err)
	}
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]), nil
}

// hashFields implements JSON_FIELD_HASH (secretAlgorithm keccak256): it
// returns doc with every string, number and boolean leaf replaced by
// Base64Std(Keccak-256(metadata ‖ salt)), where metadata is the leaf's
// {"type":…,"value":…} object written byte for byte as GTR's Java tools
// write it — Jackson's string escaping, integers as int / long, other
// numbers as "double" in Java's Double.toString form (JDK 19 and later:
// "1.50" is "1.5", "1e2" is "100.0", "1e7" is "1.0E7", "0.0001" is
// "1.0E-4") — and Keccak-256 is the original (Ethereum) padding, not
// SHA3-256.
// The salt must have 11 to 249 characters (see generateSalt); the result
// must fit maxSecuredPayloadLen characters.
func hashFields(doc []byte, salt string) (string, error) {
	if n := utf8.RuneCountInString(salt); n <= minSaltExclusive || n >= maxSaltExclusive {
		return "", fmt.Errorf("gtr: hash PII fields: %w: %d characters, want %d to %d", errInvalidSalt, n, minSaltExclusive+1, maxSaltExclusive-1)
	}
	if len(doc) == 0 {
		return "", fmt.Errorf("gtr: hash PII fields: %w", ErrEmptyPayload)
	}
	out, err := pii.HashFields(doc, salt)
	if err != nil {
		return "", fmt.Errorf("gtr: hash PII fields: %w", err)
	}
	if len(out) > maxSecuredPayloadLen {
		return "", payloadTooLarge("securedPayload", len(out), maxSecuredPayloadLen, "characters")
	}
	return string(out), nil
}

// fieldHashReport is the leaf-by-leaf outcome of verifyFieldHashes. Each
// entry is a JSON Pointer (RFC 6901) path such as
// "/ivms101/Beneficiary/beneficiaryPersons/0/naturalPerson/name/nameIdentifier/0/primaryIdentifier".
// Paths name structure, never values.
type fieldHashReport struct {
	Matched    []string // in both documents, hashes agree
	Mismatched []string // in both documents, hashes differ
	Missing    []string // hashed by the sender, absent (or null) in our document
	Extra      []string // in our document, not hashed by the sender
}

// AllMatch reports whether every leaf of both documents matched.
func (r *fieldHashReport) AllMatch() bool {
	return len(r.Mismatched) == 0 && len(r.Missing) == 0 && len(r.Extra) == 0
}

// verifyFieldHashes checks a JSON_FIELD_HASH securedPayload against our own
// plaintext PII document: it hashes each of our leaves with the sender's salt
// and compares it, in constant time, with the hashed leaf at the same path.
// A mismatch is a result, not an error; errors are reserved for input that
// is not JSON (ErrInvalidDocument) or too large.
func verifyFieldHashes(plaintextDoc []byte, hashedPayload string, salt string) (*fieldHashReport, error) {
	if err := checkReceived(hashedPayload); err != nil {
		return nil, err
	}
	c, err := pii.CompareHashes(plaintextDoc, []byte(hashedPayload), salt)
	if err != nil {
		return nil, fmt.Errorf("gtr: verify PII field hashes: %w", err)
	}
	return &fieldHashReport{Matched: c.Matched, Mismatched: c.Mismatched, Missing: c.Missing, Extra: c.Extra}, nil
}
