package gtrtest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/internal/pii"
	"github.com/vaspkit/vaspkit/ivms"
)

// rawMember is the member VASP as a raw HTTP client: its Ed25519 seed for
// internal/pii, and the platform.
type rawMember struct {
	srv    *gtrtest.Server
	hdr    map[string]string
	seed   [32]byte
	pub    [32]byte
	target [32]byte // BENE's key
}

func newRawMember(t *testing.T, vasp ...gtrtest.VASP) *rawMember {
	t.Helper()
	srv := newPlatform(t)
	for _, v := range vasp {
		if err := srv.AddVASP(v); err != nil {
			t.Fatal(err)
		}
	}
	m := &rawMember{srv: srv, hdr: login(t, srv, nil)}
	m.seed = [32]byte{1, 2, 3, 4}
	m.pub = pii.PublicFromSeed(&m.seed)
	k, _ := srv.VASPPublicKey("BENE")
	m.target = k
	return m
}

// docBody reads one of GTR's documented one_step bodies and fills its
// placeholders; the PII is sealed (or hashed) by hand with internal/pii.
func (m *rawMember) docBody(t *testing.T, file string, id *ivms.IdentityPayload) map[string]any {
	t.Helper()
	raw, err := os.ReadFile("../testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatal(err)
	}
	body["targetVaspCode"] = "BENE"
	if body["verifyDirection"] == float64(2) {
		body["address"] = beneAddress
	} else {
		body["address"], body["txId"] = ourDeposit, depositTxID
	}
	si := body["piiSecuredInfo"].(map[string]any)
	si["initiatorKeyInfo"] = map[string]any{"publicKey": gtr.PublicKey(m.pub).String()}
	si["receiverKeyInfo"] = map[string]any{"publicKey": gtr.PublicKey(m.target).String()}
	m.seal(t, body, id, "FULL_JSON_OBJECT_ENCRYPT", "")
	return body
}

// seal writes the securedPayload of body in a format.
func (m *rawMember) seal(t *testing.T, body map[string]any, id *ivms.IdentityPayload, format, salt string) {
	t.Helper()
	doc, err := ivms.Marshal(id, ivms.GTR)
	if err != nil {
		t.Fatal(err)
	}
	k, err := pii.Precompute(&m.seed, &m.target)
	if err != nil {
		t.Fatal(err)
	}
	si := body["piiSecuredInfo"].(map[string]any)
	si["piiSecretFormatType"] = format
	switch format {
	case "JSON_FIELD_ENCRYPT":
		out, err := k.EncryptFields(nil, doc)
		if err != nil {
			t.Fatal(err)
		}
		si["securedPayload"] = string(out)
	case "JSON_FIELD_HASH":
		out, err := pii.HashFields(doc, salt)
		if err != nil {
			t.Fatal(err)
		}
		si["securedPayload"], si["secretAlgorithm"] = string(out), "keccak256"
		si["encryptionParams"] = map[string]any{"keccak256": map[string]any{"salt": salt}}
		body["hashSalt"] = salt
	default:
		out, err := k.Seal(nil, doc)
		if err != nil {
			t.Fatal(err)
		}
		si["securedPayload"] = out
	}
}

func postTxPayload(t *testing.T) *ivms.IdentityPayload {
	t.Helper()
	id, err := ivms.NewPayload().Originator(carol).Beneficiary(alice, ourDeposit).BeneficiaryVASP(ours).Build()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestDocumentedOneStepRequests drives the fake over raw HTTP — mTLS with
// the member's certificate, a hand-built login and hand-built JSON bodies,
// PII sealed with internal/pii — through the one_step requests GTR
// documents as valid (its example bodies, the three format types, the
// decimal(28,18) bounds) and as invalid (every documented limit), and
// checks the documented answers: 100000 with the verdicts, or HTTP 400 /
// 100004 and nothing recorded, or 200002 when the receiver cannot read the
// PII.
func TestDocumentedOneStepRequests(t *testing.T) {
	t.Parallel()
	const salt = "5b9d1c2e-7f3a-4c8b-9e6d-0a1b2c3d4e5f"
	m := newRawMember(t)
	pre := func(t *testing.T) map[string]any {
		return m.docBody(t, "gtr_doc_onestep_pre.json", preTxPayload(t, bob))
	}
	post := func(t *testing.T) map[string]any { return m.docBody(t, "gtr_doc_onestep_post.json", postTxPayload(t)) }
	si := func(b map[string]any) map[string]any { return b["piiSecuredInfo"].(map[string]any) }
	stranger := ivms.NewNaturalPerson("Stranger", "Sam").DateOfBirth(dob("2000-01-01"), "Rome").Person()
	tests := []struct {
		name       string
		body       func(t *testing.T) map[string]any
		wantHTTP   int
		wantStatus int
		wantFields []string // "id=status" of verifyFields, for 100000 and 200003
	}{
		// Documented valid requests.
		{"GTR's pre-transaction example", pre, 200, 100000, []string{"110026=1", "110025=1", "100026=5"}},
		{"GTR's example, post-transaction", post, 200, 100000, []string{"100026=1", "100025=1", "100045=0"}},
		{"JSON_FIELD_ENCRYPT", func(t *testing.T) map[string]any {
			b := pre(t)
			m.seal(t, b, preTxPayload(t, bob), "JSON_FIELD_ENCRYPT", "")
			return b
		}, 200, 100000, []string{"110026=1", "110025=1", "100026=5"}},
		{"JSON_FIELD_HASH", func(t *testing.T) map[string]any {
			b := pre(t)
			m.seal(t, b, preTxPayload(t, bob), "JSON_FIELD_HASH", salt)
			return b
		}, 200, 100000, []string{"110026=1", "110025=1", "100026=5"}},
		{"JSON_FIELD_HASH, salt in hashSalt only", func(t *testing.T) map[string]any {
			b := pre(t)
			m.seal(t, b, preTxPayload(t, bob), "JSON_FIELD_HASH", salt)
			delete(si(b), "encryptionParams")
			return b
		}, 200, 100000, []string{"110026=1", "110025=1", "100026=5"}},
		{"JSON_FIELD_HASH, post-transaction", func(t *testing.T) map[string]any {
			b := post(t)
			m.seal(t, b, postTxPayload(t), "JSON_FIELD_HASH", salt)
			return b
		}, 200, 100000, []string{"100026=1", "100025=1", "100045=0"}},
		{"JSON_FIELD_HASH mismatch", func(t *testing.T) map[string]any {
			b := pre(t)
			m.seal(t, b, preTxPayload(t, stranger), "JSON_FIELD_HASH", salt)
			return b
		}, 200, 200003, []string{"110026=2", "110025=2", "100026=5"}},
		{"amount with 18 decimals (AVAX)", func(t *testing.T) map[string]any {
			b := pre(t)
			b["amount"] = "0.000000000000000001"
			return b
		}, 200, 100000, nil},
		{"amount of decimal(28,18)'s largest shape", func(t *testing.T) map[string]any {
			b := pre(t)
			b["amount"] = "1234567890.123456789012345678"
			return b
		}, 200, 100000, nil},
		{"amount and fiatPrice zero", func(t *testing.T) map[string]any {
			b := pre(t)
			b["amount"], b["fiatPrice"] = "0", "0"
			return b
		}, 200, 100000, nil},
		{"sourceVaspCode empty, legacy mirrors", func(t *testing.T) map[string]any {
			b := pre(t)
			b["sourceVaspCode"], b["initiatorPublicKey"] = "", gtr.PublicKey(m.pub).String()
			b["encryptedPayload"], b["secretType"] = si(b)["securedPayload"], 1
			return b
		}, 200, 100000, nil},

		// Documented limits, broken: HTTP 400, 100004.
		{"requestId of 3 characters", mut(pre, func(b map[string]any) { b["requestId"] = "abc" }), 400, 100004, nil},
		{"requestId of 65 characters", mut(pre, func(b map[string]any) { b["requestId"] = strings.Repeat("a", 65) }), 400, 100004, nil},
		{"requestId outside [\\w\\d_=-]", mut(pre, func(b map[string]any) { b["requestId"] = "acme/0001" }), 400, 100004, nil},
		{"verifyDirection 3", mut(pre, func(b map[string]any) { b["verifyDirection"] = 3 }), 400, 100004, nil},
		{"network missing", mut(pre, func(b map[string]any) { delete(b, "network") }), 400, 100004, nil},
		{"network of 65 characters", mut(pre, func(b map[string]any) { b["network"] = strings.Repeat("E", 65) }), 400, 100004, nil},
		{"ticker missing", mut(pre, func(b map[string]any) { b["ticker"] = "" }), 400, 100004, nil},
		{"address of 257 characters", mut(pre, func(b map[string]any) { b["address"] = strings.Repeat("a", 257) }), 400, 100004, nil},
		{"tag of 65 characters", mut(pre, func(b map[string]any) { b["tag"] = strings.Repeat("1", 65) }), 400, 100004, nil},
		{"txId pre-transaction", mut(pre, func(b map[string]any) { b["txId"] = "0xabc" }), 400, 100004, nil},
		{"txId missing post-transaction", mut(post, func(b map[string]any) { b["txId"] = nil }), 400, 100004, nil},
		{"txId of 257 characters", mut(post, func(b map[string]any) { b["txId"] = strings.Repeat("a", 257) }), 400, 100004, nil},
		{"targetVaspCode missing", mut(pre, func(b map[string]any) { delete(b, "targetVaspCode") }), 400, 100004, nil},
		{"sourceVaspCode of 33 characters", mut(pre, func(b map[string]any) { b["sourceVaspCode"] = strings.Repeat("S", 33) }), 400, 100004, nil},
		{"amount empty", mut(pre, func(b map[string]any) { b["amount"] = "" }), 400, 100004, nil},
		{"amount as a number", mut(pre, func(b map[string]any) { b["amount"] = 0.5 }), 400, 100004, nil},
		{"amount negative", mut(pre, func(b map[string]any) { b["amount"] = "-1" }), 400, 100004, nil},
		{"amount with 19 decimals", mut(pre, func(b map[string]any) { b["amount"] = "0.0000000000000000001" }), 400, 100004, nil},
		{"amount of 29 digits", mut(pre, func(b map[string]any) { b["amount"] = "12345678901234567890123456789" }), 400, 100004, nil},
		{"fiatPrice empty", mut(pre, func(b map[string]any) { b["fiatPrice"] = "" }), 400, 100004, nil},
		{"fiatName of 33 characters", mut(pre, func(b map[string]any) { b["fiatName"] = strings.Repeat("U", 33) }), 400, 100004, nil},
		{"piiSecuredInfo missing", mut(pre, func(b map[string]any) { delete(b, "piiSecuredInfo") }), 400, 100004, nil},
		{"piiSpecVersion not ivms101-2020", mut(pre, func(b map[string]any) { si(b)["piiSpecVersion"] = "ivms101-2023" }), 400, 100004, nil},
		{"securedPayload over 80000 characters", mut(pre, func(b map[string]any) { si(b)["securedPayload"] = strings.Repeat("A", 80004) }), 400, 100004, nil},
		{"initiator key not Ed25519", mut(pre, func(b map[string]any) { si(b)["initiatorKeyInfo"] = map[string]any{"publicKey": "AAAA"} }), 400, 100004, nil},

		// The receiver cannot read the PII: 200002.
		{"secretAlgorithm in upper case", mut(pre, func(b map[string]any) { si(b)["secretAlgorithm"] = "ED25519_CURVE25519" }), 200, 200002, nil},
		{"unknown piiSecretFormatType", mut(pre, func(b map[string]any) { si(b)["piiSecretFormatType"] = "XML_ENCRYPT" }), 200, 200002, nil},
		{"JSON_FIELD_HASH without a salt", func(t *testing.T) map[string]any {
			b := pre(t)
			m.seal(t, b, preTxPayload(t, bob), "JSON_FIELD_HASH", salt)
			delete(si(b), "encryptionParams")
			delete(b, "hashSalt")
			return b
		}, 200, 200002, nil},
		{"JSON_FIELD_HASH with ed25519_curve25519", func(t *testing.T) map[string]any {
			b := pre(t)
			m.seal(t, b, preTxPayload(t, bob), "JSON_FIELD_HASH", salt)
			si(b)["secretAlgorithm"] = "ed25519_curve25519"
			return b
		}, 200, 200002, nil},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.body(t)
			id := fmt.Sprintf("doc-%03d", i)
			if r, ok := b["requestId"].(string); !ok || requestIDLike(r) {
				b["requestId"] = id
			}
			r := call(t, m.srv, http.MethodPost, gtrtest.PathOneStep, m.hdr, b)
			if r.HTTP != tt.wantHTTP || r.VerifyStatus != tt.wantStatus {
				t.Fatalf("one_step = HTTP %d, %d %q; want HTTP %d, %d", r.HTTP, r.VerifyStatus, r.VerifyMessage, tt.wantHTTP, tt.wantStatus)
			}
			rid, _ := b["requestId"].(string)
			_, recorded := m.srv.Recorded(rid)
			if recorded != (tt.wantStatus != 100004) {
				t.Errorf("recorded = %v for verifyStatus %d", recorded, tt.wantStatus)
			}
			if tt.wantFields == nil {
				return
			}
			var d struct {
				VerifyFields []struct {
					Type   string `json:"type"`
					Status int    `json:"status"`
				} `json:"verifyFields"`
			}
			if err := json.Unmarshal(r.Data, &d); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range d.VerifyFields {
				got = append(got, f.Type+"="+strconv.Itoa(f.Status))
			}
			if diff := cmp.Diff(tt.wantFields, got); diff != "" {
				t.Errorf("verifyFields (-want +got):\n%s", diff)
			}
		})
	}
}

// requestIDLike reports a documented valid requestId, which each case
// replaces by its own so that none is a duplicate.
func requestIDLike(s string) bool {
	return len(s) >= 4 && len(s) <= 64 && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_=-") == ""
}

func mut(body func(t *testing.T) map[string]any, f func(map[string]any)) func(t *testing.T) map[string]any {
	return func(t *testing.T) map[string]any {
		b := body(t)
		f(b)
		return b
	}
}
