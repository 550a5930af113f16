package pii

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"golang.org/x/crypto/sha3"
)

// Java (Jackson) node type names carried in a leaf's metadata object.
const (
	TypeShort   = "short"
	TypeInt     = "int"
	TypeLong    = "long"
	TypeFloat   = "float"
	TypeDouble  = "double"
	TypeBoolean = "boolean"
	TypeString  = "string"
)

// LeafType returns the metadata type and text GTR's Java tools give a leaf:
// what Jackson's readTree makes of it (IntNode, LongNode, DoubleNode,
// BooleanNode, TextNode; BigIntegerNode falls through to "string") and its
// asText() form. Numbers are written as Java writes them (JavaNumberText):
// integers without a sign on zero, doubles in Double.toString form ("1.50"
// is "1.5", "1e2" is "100.0", "1e7" is "1.0E7"), so a hash over the metadata
// is the one a Java counterparty computes.
func LeafType(l Leaf) (typ, text string) {
	switch l.Kind {
	case BoolLeaf:
		return TypeBoolean, l.Text
	case NumberLeaf:
		return JavaNumberText(l.Text)
	default:
		return TypeString, l.Text
	}
}

// AppendMetadata appends the metadata object {"type":…,"value":…} of a leaf,
// compact, "type" first, escaped as Jackson does (see AppendJSONString).
func AppendMetadata(dst []byte, l Leaf) []byte {
	typ, text := LeafType(l)
	dst = append(dst, `{"type":`...)
	dst = AppendJSONString(dst, typ)
	dst = append(dst, `,"value":`...)
	dst = AppendJSONString(dst, text)
	return append(dst, '}')
}

// EncryptFields implements JSON_FIELD_ENCRYPT: every string, number and
// boolean leaf of doc becomes a JSON string holding the sealed metadata
// object of the leaf (fresh nonce per leaf, read from r or crypto/rand).
func (k *SharedKey) EncryptFields(r io.Reader, doc []byte) ([]byte, error) {
	var meta []byte
	defer func() { clear(meta) }()
	return Rewrite(doc, func(dst []byte, _ *Path, l Leaf) ([]byte, error) {
		meta = AppendMetadata(meta[:0], l)
		dst = append(dst, '"')
		dst, err := k.AppendSealed(dst, r, meta)
		if err != nil {
			return dst, err
		}
		return append(dst, '"'), nil
	})
}

// DecryptFields reverses EncryptFields: every non-null leaf must be a sealed
// string; its metadata is opened and the value restored with its type.
// Failures to open wrap ErrOpenFailed and name the leaf's JSON Pointer path.
func (k *SharedKey) DecryptFields(doc []byte) ([]byte, error) {
	return Rewrite(doc, func(dst []byte, p *Path, l Leaf) ([]byte, error) {
		if l.Kind != StringLeaf {
			return dst, docErr("leaf %s is a JSON %s, not a sealed string", p.String(), kindName(l.Kind))
		}
		meta, err := k.Open(l.Text)
		if err != nil {
			return dst, fmt.Errorf("leaf %s: %w", p.String(), err)
		}
		defer clear(meta)
		dst, err = AppendRestored(dst, meta)
		if err != nil {
			return dst, fmt.Errorf("leaf %s: %w", p.String(), err)
		}
		return dst, nil
	})
}

func kindName(k LeafKind) string {
	switch k {
	case NumberLeaf:
		return "number"
	case BoolLeaf:
		return "boolean"
	default:
		return "string"
	}
}

// AppendRestored parses a metadata object and appends the JSON value it
// describes: short/int/long as an integer, float/double as a number,
// boolean as true/false, any other type as a string. Receivers parse the
// metadata rather than compare its bytes, so key order and spacing are free.
func AppendRestored(dst []byte, meta []byte) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(meta, &m); err != nil {
		return dst, docErr("metadata is not a JSON object")
	}
	var typ string
	if err := json.Unmarshal(m["type"], &typ); err != nil || m["type"] == nil {
		return dst, docErr("metadata has no string \"type\"")
	}
	text, err := metadataValue(m["value"])
	if err != nil {
		return dst, err
	}
	switch typ {
	case TypeShort, TypeInt, TypeLong:
		bits := map[string]int{TypeShort: 16, TypeInt: 32, TypeLong: 64}[typ]
		n, err := strconv.ParseInt(text, 10, bits)
		if err != nil {
			return dst, docErr("metadata value is not a %s", typ)
		}
		return strconv.AppendInt(dst, n, 10), nil
	case TypeFloat, TypeDouble:
		switch text {
		case "NaN", "Infinity", "-Infinity":
			// Jackson writes a non-finite double as this string
			// (JsonWriteFeature.WRITE_NAN_AS_STRINGS, on by default).
			return AppendJSONString(dst, text), nil
		}
		if isJSONNumber(text) {
			return append(dst, text...), nil
		}
		f, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return dst, docErr("metadata value is not a finite %s", typ)
		}
		return strconv.AppendFloat(dst, f, 'g', -1, 64), nil
	case TypeBoolean:
		switch {
		case strings.EqualFold(text, "true"):
			return append(dst, "true"...), nil
		case strings.EqualFold(text, "false"):
			return append(dst, "false"...), nil
		}
		return dst, docErr("metadata value is not a boolean")
	default:
		return AppendJSONString(dst, text), nil
	}
}

// metadataValue returns the text of "value": a JSON string unquoted, or a
// number or boolean literal as written.
func metadataValue(raw json.RawMessage) (string, error) {
	if len(raw) == 0 {
		return "", docErr("metadata has no \"value\"")
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", docErr("metadata \"value\" is not a valid string")
		}
		return s, nil
	case 't', 'f':
		return string(raw), nil
	default:
		if isJSONNumber(string(raw)) {
			return string(raw), nil
		}
		return "", docErr("metadata \"value\" is not a string, number or boolean")
	}
}

// isJSONNumber reports whether s is exactly a JSON number literal (RFC 8259).
func isJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == j {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == j {
			return false
		}
	}
	return i == len(s)
}

// HashLeaf returns Base64Std(Keccak-256(metadata ‖ salt)) of a leaf, the
// JSON_FIELD_HASH value, with the original Keccak padding (as Ethereum's
// keccak256 and BouncyCastle's KeccakDigest(256)), not SHA3-256.
func HashLeaf(l Leaf, salt string) string {
	sum := hashLeaf(l, salt)
	return base64.StdEncoding.EncodeToString(sum[:])
}

func hashLeaf(l Leaf, salt string) [32]byte {
	var buf [256]byte
	meta := AppendMetadata(buf[:0], l)
	h := sha3.NewLegacyKeccak256()
	h.Write(meta)
	clear(meta)
	h.Write([]byte(salt))
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// HashFields implements JSON_FIELD_HASH: every string, number and boolean
// leaf of doc becomes the JSON string HashLeaf(leaf, salt).
func HashFields(doc []byte, salt string) ([]byte, error) {
	return Rewrite(doc, func(dst []byte, _ *Path, l Leaf) ([]byte, error) {
		dst = append(dst, '"')
		dst = append(dst, HashLeaf(l, salt)...)
		return append(dst, '"'), nil
	})
}

// HashComparison is the leaf-by-leaf result of comparing a plaintext
// document with a JSON_FIELD_HASH document. Entries are JSON Pointer paths.
type HashComparison struct {
	Matched    []string // leaf in both; the hashes agree
	Mismatched []string // leaf in both; the hashes differ (or the hashed leaf is not a Keccak-256 digest)
	Missing    []string // hashed leaf with no plaintext leaf at that path
	Extra      []string // plaintext leaf with no hashed leaf at that path
}

// CompareHashes hashes every non-null leaf of plain with salt and compares it
// with the leaf at the same path of hashed. null leaves count as absent.
func CompareHashes(plain, hashed []byte, salt string) (*HashComparison, error) {
	type hashedLeaf struct {
		digest []byte // nil when the leaf is not a 32-byte Base64 digest
		seen   bool
	}
	leaves := map[string]*hashedLeaf{}
	var order []string
	err := Visit(hashed, func(p *Path, l Leaf) error {
		key := p.String()
		hl := &hashedLeaf{}
		if l.Kind == StringLeaf {
			if d, err := DecodeBase64(l.Text); err == nil && len(d) == 32 {
				hl.digest = d
			}
		}
		if _, dup := leaves[key]; !dup {
			order = append(order, key)
		}
		leaves[key] = hl
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("hashed document: %w", err)
	}
	c := &HashComparison{}
	err = Visit(plain, func(p *Path, l Leaf) error {
		key := p.String()
		hl, ok := leaves[key]
		if !ok {
			c.Extra = append(c.Extra, key)
			return nil
		}
		hl.seen = true
		want := hashLeaf(l, salt)
		if hl.digest != nil && subtle.ConstantTimeCompare(hl.digest, want[:]) == 1 {
			c.Matched = append(c.Matched, key)
		} else {
			c.Mismatched = append(c.Mismatched, key)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("plaintext document: %w", err)
	}
	for _, key := range order {
		if !leaves[key].seen {
			c.Missing = append(c.Missing, key)
		}
	}
	return c, nil
}
