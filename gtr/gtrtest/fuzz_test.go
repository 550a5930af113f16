package gtrtest

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/ivms"
)

// FuzzPlatformRequest feeds arbitrary bodies to the platform's endpoints.
// The fake must never panic, and must answer with a published status and
// the HTTP status GTR uses for it.
func FuzzPlatformRequest(f *testing.F) {
	s, err := newServer(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(s.Close)
	bob := ivms.NewNaturalPerson("Beneficiary", "Bob").Person()
	if err := s.AddVASP(VASP{Code: "BENE", Addresses: map[Wallet]ivms.Person{{Network: "ETH", Address: "0xb0b"}: bob},
		TxIDs: map[string]Transfer{"0xtx": {To: Wallet{Network: "ETH", Address: "0xme"}, Sender: bob}}}); err != nil {
		f.Fatal(err)
	}
	kp, _ := gtr.GenerateKeyPair(nil)
	bene, _ := s.VASPPublicKey("BENE")
	doc, _ := ivms.Marshal(&ivms.IdentityPayload{Beneficiary: &ivms.Beneficiary{BeneficiaryPersons: []ivms.Person{bob}}}, ivms.GTR)
	sealed, _ := gtr.SealPII(doc, kp, bene)
	valid := `{"requestId":"fuzz-0001","verifyDirection":2,"network":"ETH","ticker":"ETH","address":"0xb0b","txId":null,` +
		`"targetVaspCode":"BENE","amount":"1","fiatName":"USD","fiatPrice":"0","expectVerifyFields":["110026",110025],` +
		`"piiSecuredInfo":{"initiatorKeyInfo":{"publicKey":"` + kp.PublicKey().String() + `"},"receiverKeyInfo":{"publicKey":"` +
		bene.String() + `"},"secretAlgorithm":"ed25519_curve25519","piiSecretFormatType":"FULL_JSON_OBJECT_ENCRYPT","securedPayload":"` + sealed + `"}}`
	f.Add(uint8(0), []byte(valid))
	f.Add(uint8(0), []byte(strings.Replace(valid, `"verifyDirection":2`, `"verifyDirection":"1","txId":"0xtx"`, 1)))
	f.Add(uint8(0), []byte(`{"requestId":"fuzz-0002","verifyDirection":1}`))
	f.Add(uint8(1), []byte(`{"vaspCode":"VASPKIT_TEST","accessKey":"x","signedSecretKey":"y","expireInMinutes":-1}`))
	f.Add(uint8(2), []byte(`{"vaspCode":"BENE","address":"0xb0b","network":"ETH"}`))
	f.Add(uint8(3), []byte(`{"requestId":"fuzz-0001","txId":"0xabc"}`))
	f.Add(uint8(4), []byte(`{"requestId":"fuzz-0001","reasonType":"CANCELLED"}`))
	f.Add(uint8(5), []byte(`{"requestId":"fuzz-0001","result":{"verifyStatus":"100000","data":{"verifyFields":[{"type":1,"status":"x"}]}}}`))
	f.Add(uint8(0), []byte(`[]`))

	endpoints := []endpoint{s.handleOneStep, s.handleLogin, s.handleDetection, s.handleNotifyTxID, s.handleEnd, s.handleManual}
	paths := []string{PathOneStep, PathLogin, PathAddressDetection, PathNotifyTxID, PathEnd, PathManualPII}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		i := int(which) % len(endpoints)
		r := httptest.NewRequest(http.MethodPost, paths[i], nil)
		a := endpoints[i](r, body)
		if s := gtr.VerifyStatus(a.env.VerifyStatus); s.String() == strconv.Itoa(int(s)) { // String names every published status
			t.Fatalf("unpublished verifyStatus %d", a.env.VerifyStatus)
		}
		if a.status != http.StatusOK && a.status != httpStatusFor(a.env.VerifyStatus) {
			t.Fatalf("HTTP %d for verifyStatus %d", a.status, a.env.VerifyStatus)
		}
	})
}
