package gtr

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/internal/pii"
)

func TestParseFormatType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    FormatType
		wantErr bool
	}{
		{"FULL_JSON_OBJECT_ENCRYPT", FullJSONObjectEncrypt, false},
		{"full_json_object_encrypt", FullJSONObjectEncrypt, false},
		{"JSON_FIELD_ENCRYPT", JSONFieldEncrypt, false},
		{"JSON_FIELD_HASH", JSONFieldHash, false},
		{"JSON_FIELD_HASHED", JSONFieldHash, false},
		{"", FullJSONObjectEncrypt, false},
		{"XML_ENCRYPT", "XML_ENCRYPT", true},
	}
	for _, tt := range tests {
		got, err := parseFormatType(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("parseFormatType(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil && !errors.Is(err, ErrUnsupportedFormat) {
			t.Errorf("parseFormatType(%q) error %v is not ErrUnsupportedFormat", tt.in, err)
		}
	}
}

// piiFieldNonces returns the nonces libsodium_vectors.py used for the
// JSON_FIELD_ENCRYPT leaves, in document order.
func piiFieldNonces(n int) *bytes.Reader {
	var b []byte
	for i := range n {
		h := sha256.Sum256(fmt.Appendf(nil, "field nonce %d", i))
		b = append(b, h[:24]...)
	}
	return bytes.NewReader(b)
}

// TestFieldEncryptMatchesJavaAndLibsodium opens a JSON_FIELD_ENCRYPT payload
// whose leaves libsodium sealed over Jackson-written metadata (Java types
// int, long, double as "1.0E20", boolean, string, a BigInteger as string),
// and reproduces the payload byte for byte from the same nonces.
func TestFieldEncryptMatchesJavaAndLibsodium(t *testing.T) {
	t.Parallel()
	v := loadPIIVectors(t).FieldEncrypt
	from, to := piiKeyPair(t, v.From), piiKeyPair(t, v.To)
	receiver, err := to.newSealer(from.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	got, err := receiver.OpenDocument(v.SecuredPayload, JSONFieldEncrypt)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(v.Plaintext, string(got)); diff != "" {
		t.Errorf("OpenDocument (-want +got):\n%s", diff)
	}
	sender, err := from.newSealer(to.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	sender.rand = piiFieldNonces(8)
	sealed, err := sender.SealDocument([]byte(v.Plaintext), JSONFieldEncrypt)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(v.SecuredPayload, sealed); diff != "" {
		t.Errorf("SealDocument with the same nonces (-want +got):\n%s", diff)
	}
}

// TestFieldHashMatchesKeccakVectors checks metadata bytes and digests against
// the Keccak-256 written independently in libsodium_vectors.py.
func TestFieldHashMatchesKeccakVectors(t *testing.T) {
	t.Parallel()
	v := loadPIIVectors(t).FieldHash
	kinds := map[string]pii.LeafKind{"string": pii.StringLeaf, "int": pii.NumberLeaf, "long": pii.NumberLeaf, "double": pii.NumberLeaf, "boolean": pii.BoolLeaf}
	var docParts []string
	for i, l := range v.Leaves {
		leaf := pii.Leaf{Kind: kinds[l.Type], Text: l.Value}
		if got := string(pii.AppendMetadata(nil, leaf)); got != l.Metadata {
			t.Errorf("leaf %d: metadata %s, want %s", i, got, l.Metadata)
		}
		if got := pii.HashLeaf(leaf, v.Salt); got != l.Hash {
			t.Errorf("leaf %d (%s): hash %s, want %s", i, l.Metadata, got, l.Hash)
		}
		raw := l.Value
		if leaf.Kind == pii.StringLeaf {
			raw = string(pii.AppendJSONString(nil, l.Value))
		}
		docParts = append(docParts, raw)
	}
	doc := "[" + strings.Join(docParts, ",") + "]"
	hashed, err := hashFields([]byte(doc), v.Salt)
	if err != nil {
		t.Fatal(err)
	}
	var hashes []string
	for _, l := range v.Leaves {
		hashes = append(hashes, `"`+l.Hash+`"`)
	}
	if want := "[" + strings.Join(hashes, ",") + "]"; hashed != want {
		t.Errorf("hashFields(%s) = %s, want %s", doc, hashed, want)
	}
}

func loadIVMSEnvelope(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/pii/ivms_gtr_envelope.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decodeJSONNumbers(t testing.TB, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return v
}

func TestSealDocumentRoundTrip(t *testing.T) {
	t.Parallel()
	doc := loadIVMSEnvelope(t)
	alice, bob := piiKeyPair(t, "alice"), piiKeyPair(t, "bob")
	toBob, err := alice.newSealer(bob.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	fromAlice, err := bob.newSealer(alice.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []FormatType{FullJSONObjectEncrypt, JSONFieldEncrypt} {
		t.Run(string(f), func(t *testing.T) {
			t.Parallel()
			payload, err := toBob.SealDocument(doc, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, clear := range []string{"Howard", "Greystone", "1992-10-04", "112502920"} {
				if strings.Contains(payload, clear) {
					t.Errorf("payload contains %q", clear)
				}
			}
			got, err := fromAlice.OpenDocument(payload, f)
			if err != nil {
				t.Fatal(err)
			}
			if f == FullJSONObjectEncrypt {
				if !bytes.Equal(got, doc) {
					t.Error("FULL_JSON_OBJECT_ENCRYPT must give back the exact bytes")
				}
				return
			}
			if diff := cmp.Diff(decodeJSONNumbers(t, doc), decodeJSONNumbers(t, got)); diff != "" {
				t.Errorf("JSON_FIELD_ENCRYPT round trip (-want +got):\n%s", diff)
			}
			var compact bytes.Buffer
			if err := json.Compact(&compact, doc); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(compact.String(), string(got)); diff != "" {
				t.Errorf("opened document is not the compact input (-want +got):\n%s", diff)
			}
			// The structure is in clear: same keys, same array lengths.
			if diff := cmp.Diff(jsonShape(decodeJSONNumbers(t, doc)), jsonShape(decodeJSONNumbers(t, []byte(payload)))); diff != "" {
				t.Errorf("structure changed (-want +got):\n%s", diff)
			}
		})
	}
}

// jsonShape replaces every scalar by "leaf", keeping keys and array lengths.
func jsonShape(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := map[string]any{}
		for k, e := range x {
			m[k] = jsonShape(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = jsonShape(e)
		}
		return s
	case nil:
		return nil
	default:
		return "leaf"
	}
}

func TestSealDocumentErrors(t *testing.T) {
	t.Parallel()
	alice, bob := piiKeyPair(t, "alice"), piiKeyPair(t, "bob")
	s, err := alice.newSealer(bob.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	manyLeaves := "[" + strings.TrimSuffix(strings.Repeat(`"x",`, 700), ",") + "]"
	tests := []struct {
		name   string
		doc    string
		format FormatType
		is     error
		want   string
	}{
		{"empty", "", FullJSONObjectEncrypt, ErrEmptyPayload, "empty"},
		{"full, not JSON", `{"name":"Jane"`, FullJSONObjectEncrypt, ErrInvalidDocument, "not valid JSON"},
		{"field, not JSON", `{"name":"Jane"`, JSONFieldEncrypt, ErrInvalidDocument, "syntax error at byte"},
		{"hash is one-way", `{}`, JSONFieldHash, ErrUnsupportedFormat, "is hashed, not sealed"},
		{"unknown format", `{}`, "XML", ErrUnsupportedFormat, `"XML"`},
		{"field output over 60000 characters", manyLeaves, JSONFieldEncrypt, ErrPayloadTooLarge, "over the limit of 60000 characters"},
		{"full input over the plaintext limit", `"` + strings.Repeat("x", maxPlaintextLen) + `"`, FullJSONObjectEncrypt, ErrPayloadTooLarge, "plaintext is 44962 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := s.SealDocument([]byte(tt.doc), tt.format)
			if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("SealDocument error = %v, want %v containing %q", err, tt.is, tt.want)
			}
			if strings.Contains(err.Error(), "Jane") {
				t.Errorf("error %q leaks content", err)
			}
		})
	}
}

func TestOpenDocumentErrors(t *testing.T) {
	t.Parallel()
	alice, bob := piiKeyPair(t, "alice"), piiKeyPair(t, "bob")
	toBob, err := alice.newSealer(bob.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	fromAlice, err := bob.newSealer(alice.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	good, err := toBob.SealDocument([]byte(`{"person":{"name":"Jane","age":30}}`), JSONFieldEncrypt)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]map[string]string
	if err := json.Unmarshal([]byte(good), &m); err != nil {
		t.Fatal(err)
	}
	swapped := `{"person":{"name":"` + m["person"]["age"] + `","age":"` + m["person"]["name"] + `"}}`
	tampered := strings.Replace(good, m["person"]["age"][50:54], "AAAA", 1)
	otherKey, err := piiKeyPair(t, "gtr-demo").newSealer(alice.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		s       *piiSealer
		payload string
		format  FormatType
		is      error
		want    string
	}{
		{"wrong key", otherKey, good, JSONFieldEncrypt, ErrCannotDecrypt, "leaf /person/name: cannot open sealed PII payload"},
		{"tampered leaf", fromAlice, tampered, JSONFieldEncrypt, ErrCannotDecrypt, "leaf /person/age"},
		{"clear leaf", fromAlice, `{"person":{"name":"Jane"}}`, JSONFieldEncrypt, ErrCannotDecrypt, "leaf /person/name"},
		{"number leaf", fromAlice, `{"person":{"age":30}}`, JSONFieldEncrypt, ErrInvalidDocument, "leaf /person/age is a JSON number"},
		{"not JSON", fromAlice, `{"person":`, JSONFieldEncrypt, ErrInvalidDocument, "syntax error at byte"},
		{"full payload opened as fields", fromAlice, strings.Repeat("QUFB", 20), JSONFieldEncrypt, ErrInvalidDocument, "syntax error"},
		{"fields payload opened as full", fromAlice, good, FullJSONObjectEncrypt, ErrCannotDecrypt, "malformed base64"},
		{"hash", fromAlice, good, JSONFieldHash, ErrUnsupportedFormat, "is one-way (its hashes can only be compared"},
		{"unknown", fromAlice, good, "RSA", ErrUnsupportedFormat, `"RSA"`},
		{"empty", fromAlice, "", JSONFieldEncrypt, ErrEmptyPayload, "empty"},
		{"too large", fromAlice, strings.Repeat(" ", maxReceivedPayloadLen+1), JSONFieldEncrypt, ErrPayloadTooLarge, "80001 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.s.OpenDocument(tt.payload, tt.format)
			if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("OpenDocument error = %v, want %v containing %q", err, tt.is, tt.want)
			}
			if got != nil {
				t.Error("document returned with an error")
			}
			if strings.Contains(err.Error(), "Jane") {
				t.Errorf("error %q leaks content", err)
			}
		})
	}
	// Leaves moved between fields still open (the leaf carries its own type):
	// field encryption does not bind a value to its path.
	got, err := fromAlice.OpenDocument(swapped, JSONFieldEncrypt)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != `{"person":{"name":30,"age":"Jane"}}` {
		t.Errorf("swapped leaves = %s", got)
	}
}

func TestHashFieldsSalt(t *testing.T) {
	t.Parallel()
	doc := []byte(`{"name":"Jane"}`)
	tests := []struct {
		salt    string
		wantErr bool
	}{
		{strings.Repeat("s", 10), true},
		{strings.Repeat("s", 11), false},
		{strings.Repeat("s", 249), false},
		{strings.Repeat("s", 250), true},
		{strings.Repeat("é", 11), false}, // characters, not bytes
		{"", true},
	}
	for _, tt := range tests {
		_, err := hashFields(doc, tt.salt)
		if (err != nil) != tt.wantErr {
			t.Errorf("hashFields with a %d-character salt: error %v, wantErr %v", len([]rune(tt.salt)), err, tt.wantErr)
		}
		if err != nil && !errors.Is(err, errInvalidSalt) {
			t.Errorf("error %v is not errInvalidSalt", err)
		}
	}
	const salt = "0123456789abcdef"
	if _, err := hashFields(nil, salt); !errors.Is(err, ErrEmptyPayload) {
		t.Errorf("empty document: %v", err)
	}
	if _, err := hashFields([]byte(`{"a":`), salt); !errors.Is(err, ErrInvalidDocument) {
		t.Errorf("bad document: %v", err)
	}
	big := "[" + strings.TrimSuffix(strings.Repeat(`1,`, 1300), ",") + "]"
	if _, err := hashFields([]byte(big), salt); !errors.Is(err, ErrPayloadTooLarge) || !strings.Contains(err.Error(), fmt.Sprint("limit of ", maxSecuredPayloadLen, " characters")) {
		t.Errorf("oversized hashed document: %v", err)
	}
	a, _ := hashFields(doc, salt)
	b, _ := hashFields(doc, salt)
	c, _ := hashFields(doc, salt+"x")
	if a != b || a == c {
		t.Error("hashing must be deterministic for one salt and differ across salts")
	}
}

func TestVerifyFieldHashes(t *testing.T) {
	t.Parallel()
	const salt = "9b1c2e7f-3a4c-4b9e-8d0a-1b2c3d4e5f60"
	sent := loadIVMSEnvelope(t)
	hashed, err := hashFields(sent, salt)
	if err != nil {
		t.Fatal(err)
	}
	report, err := verifyFieldHashes(sent, hashed, salt)
	if err != nil {
		t.Fatal(err)
	}
	if !report.AllMatch() || len(report.Matched) != 71 { // the 71 non-null leaves of the sample
		t.Errorf("same document: %d matched, %d mismatched, %d missing, %d extra", len(report.Matched), len(report.Mismatched), len(report.Missing), len(report.Extra))
	}
	ours := bytes.Replace(sent, []byte(`"1986-12-13"`), []byte(`"1986-12-14"`), 1)
	ours = bytes.Replace(ours, []byte(`"postCode": "WD7 7AL",`), nil, 1)
	report, err = verifyFieldHashes(ours, hashed, salt)
	if err != nil {
		t.Fatal(err)
	}
	want := &fieldHashReport{
		Mismatched: []string{"/ivms101/Beneficiary/beneficiaryPersons/0/naturalPerson/dateAndPlaceOfBirth/dateOfBirth"},
		Missing:    []string{"/ivms101/Beneficiary/beneficiaryPersons/0/naturalPerson/geographicAddress/0/postCode"},
	}
	report.Matched = nil
	if diff := cmp.Diff(want, report); diff != "" {
		t.Errorf("verifyFieldHashes (-want +got):\n%s", diff)
	}
	if _, err := verifyFieldHashes(ours, "", salt); !errors.Is(err, ErrEmptyPayload) {
		t.Errorf("empty hashed payload: %v", err)
	}
	if _, err := verifyFieldHashes([]byte("{"), hashed, salt); !errors.Is(err, ErrInvalidDocument) {
		t.Errorf("bad plaintext: %v", err)
	}
}

func TestGenerateSalt(t *testing.T) {
	t.Parallel()
	uuid4 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	fixed, err := generateSalt(bytes.NewReader(bytes.Repeat([]byte{0xff}, 16)))
	if err != nil {
		t.Fatal(err)
	}
	if fixed != "ffffffff-ffff-4fff-bfff-ffffffffffff" {
		t.Errorf("generateSalt(0xff…) = %s", fixed)
	}
	a, err := generateSalt(nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := generateSalt(nil)
	if !uuid4.MatchString(a) || a == b {
		t.Errorf("generateSalt() = %s, %s", a, b)
	}
	if _, err := hashFields([]byte(`{"a":"b"}`), a); err != nil {
		t.Errorf("a generated salt is rejected: %v", err)
	}
	if _, err := generateSalt(bytes.NewReader(make([]byte, 15))); err == nil {
		t.Error("generateSalt with 15 random bytes succeeded")
	}
}

func TestFieldHashVectorsFileIsFromLibsodium(t *testing.T) {
	t.Parallel()
	v := loadPIIVectors(t)
	if !strings.HasPrefix(v.Generator, "libsodium_vectors.py with libsodium ") {
		t.Errorf("vectors not generated by the libsodium script: %q", v.Generator)
	}
	// The demo key pair in the vectors is GTR's published one (spec §12 TV-3).
	pub := piiMust(ParsePublicKey(v.Keys[2].PublicKey))
	if got := hex.EncodeToString(pub[:]); got != "34b4280340f10b3592ac3160576c77194dd5bd19be0108ab01169207ed2a102d" {
		t.Errorf("gtr-demo public key = %s", got)
	}
}
