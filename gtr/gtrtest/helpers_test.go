package gtrtest_test

import (
	"bytes"
	"context"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

// reply is a decoded platform answer.
type reply struct {
	HTTP          int
	VerifyStatus  int             `json:"verifyStatus"`
	VerifyMessage string          `json:"verifyMessage"`
	VerifyStage   string          `json:"verifyStage"`
	Data          json.RawMessage `json:"data"`
}

// call sends one raw request with the member's client certificate.
func call(t testing.TB, srv *gtrtest.Server, method, path string, hdr map[string]string, body any) reply {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var r reply
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("%s %s: answer is not JSON (HTTP %d)", method, path, resp.StatusCode)
	}
	r.HTTP = resp.StatusCode
	return r
}

func sha512Hex(s string) string {
	sum := sha512.Sum512([]byte(s))
	return hex.EncodeToString(sum[:])
}

// login logs in by hand and returns the bearer header.
func login(t testing.TB, srv *gtrtest.Server, minutes *int) map[string]string {
	t.Helper()
	code, access, secret := srv.Credentials()
	body := map[string]any{"vaspCode": code, "accessKey": access, "signedSecretKey": sha512Hex(secret)}
	if minutes != nil {
		body["expireInMinutes"] = *minutes
	}
	r := call(t, srv, http.MethodPost, gtrtest.PathLogin, nil, body)
	if r.VerifyStatus != 100000 {
		t.Fatalf("login: %d %s", r.VerifyStatus, r.VerifyMessage)
	}
	var d struct {
		JWT string `json:"jwt"`
	}
	if err := json.Unmarshal(r.Data, &d); err != nil || d.JWT == "" {
		t.Fatalf("login data: %v", err)
	}
	return map[string]string{"Authorization": "Bearer " + d.JWT}
}

func mustKeyPair(t testing.TB) *gtr.KeyPair {
	t.Helper()
	kp, err := gtr.GenerateKeyPair(nil)
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

func dob(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// Bob Beneficiary is a customer of BENE; Alice Originator ours.
var (
	bob   = ivms.NewNaturalPerson("Beneficiary", "Bob").DateOfBirth(dob("1990-02-03"), "Porto").Person()
	alice = ivms.NewNaturalPerson("Originator", "Alice").DateOfBirth(dob("1985-04-12"), "Lisbon").Person()
	carol = ivms.NewNaturalPerson("Sender", "Carol").DateOfBirth(dob("1979-11-30"), "Madrid").Person()
	ours  = ivms.NewVASP("Vaspkit Test Exchange Ltd", "529900T8BM49AURSDO55").CountryOfRegistration("PT").Person()
)

const (
	beneAddress = "0x00000000219ab540356cBB839Cbe05303d7705Fa"
	depositTxID = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"
	ourDeposit  = "0x8315177aB297bA92A06054cE80a67Ed4DBd7ed3a"
)

// newPlatform starts a fake with the counterparty BENE: Bob's address, an
// XRP address with two tags, and a transfer Carol sent to our deposit
// address.
func newPlatform(t testing.TB, opts ...gtrtest.Option) *gtrtest.Server {
	t.Helper()
	srv := gtrtest.NewServer(t, opts...)
	err := srv.AddVASP(gtrtest.VASP{
		Code: "BENE", Name: "Bene Exchange", Brand: "Bene", Country: "SG",
		Addresses: map[gtrtest.Wallet]ivms.Person{
			{Network: "ETH", Address: beneAddress}:              bob,
			{Network: "XRP", Address: "rShared", Tag: "1"}:      bob,
			{Network: "XRP", Address: "rShared", Tag: "2"}:      carol,
			{Network: "TRX", Address: "TSiblingAddress1234567"}: carol,
		},
		TxIDs: map[string]gtrtest.Transfer{
			depositTxID: {To: gtrtest.Wallet{Network: "ETH", Address: ourDeposit}, Sender: carol},
		},
		RequiredFields: []gtr.FieldID{gtr.OriginatorNatural.Name()},
	})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// preTxPayload is what we send pre-transaction: Alice pays Bob.
func preTxPayload(t testing.TB, beneficiary ivms.Person) *ivms.IdentityPayload {
	t.Helper()
	p, err := ivms.NewPayload().
		Originator(alice, "acctalice").
		Beneficiary(beneficiary, beneAddress).
		OriginatingVASP(ours).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// sealedOneStep builds a raw pre-transaction one_step body.
func sealedOneStep(t testing.TB, srv *gtrtest.Server, kp *gtr.KeyPair, requestID, address, tag string, id *ivms.IdentityPayload) map[string]any {
	t.Helper()
	target, ok := srv.VASPPublicKey("BENE")
	if !ok {
		t.Fatal("BENE not registered")
	}
	doc, err := ivms.Marshal(id, ivms.GTR)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := gtr.SealPII(doc, kp, target)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{
		"requestId": requestID, "verifyDirection": 2, "network": "ETH", "ticker": "ETH",
		"address": address, "tag": tag, "txId": nil, "targetVaspCode": "BENE",
		"amount": "0.5", "fiatName": "USD", "fiatPrice": "1500",
		"expectVerifyFields": []string{"110026", "110025"},
		"piiSecuredInfo": map[string]any{
			"initiatorKeyInfo":    map[string]string{"publicKey": kp.PublicKey().String()},
			"receiverKeyInfo":     map[string]string{"publicKey": target.String()},
			"secretAlgorithm":     "ed25519_curve25519",
			"piiSecretFormatType": "FULL_JSON_OBJECT_ENCRYPT",
			"piiSpecVersion":      "ivms101-2020",
			"securedPayload":      sealed,
		},
	}
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
