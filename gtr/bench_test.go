package gtr

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"golang.org/x/crypto/nacl/box"

	"github.com/vaspkit/vaspkit/internal/pii"
)

// benchServer answers every one_step with the same verdict carrying the
// counterparty's PII sealed to us, after reading the whole request. Both
// benchmarks talk to it, so the difference is the client side.
func benchServer(b *testing.B) *httptest.Server {
	resp := sealedResponse(b)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if r.URL.Path == "/api/login" {
			_, _ = w.Write([]byte(`{"data":{"jwt":"bench-token"},"verifyStatus":100000}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(resp)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// BenchmarkOneStep is a whole pre-transaction OneStep: validation, IVMS
// envelope, sealing, the request through the rest pipeline, decoding,
// opening the counterparty's PII into an ivms.IdentityPayload.
func BenchmarkOneStep(b *testing.B) {
	srv := benchServer(b)
	c, err := New(WithBaseURL(srv.URL), WithLogin("bench", "bench", "bench"), WithKeyPair(ourKey(b)))
	if err != nil {
		b.Fatal(err)
	}
	req := preRequest(b, "acme-bench-0001")
	ctx := context.Background()
	if _, err := c.OneStep(ctx, req); err != nil { // log in, warm the sealer cache
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		res, err := c.OneStep(ctx, req)
		if err != nil || res.Identity == nil {
			b.Fatalf("%v %v", err, res.IdentityErr)
		}
	}
	reportCPU(b, cpu)
}

// reportCPU adds cpu-ns/op: the process's CPU time (client and the shared
// test server) per operation, steadier than wall time on a loaded machine.
func reportCPU(b *testing.B, start time.Duration) {
	if d := processCPU() - start; d > 0 {
		b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// Hand-written wire types for the baseline.
type (
	bName struct {
		Primary   string `json:"primaryIdentifier"`
		Secondary string `json:"secondaryIdentifier,omitempty"`
		Type      string `json:"nameIdentifierType"`
	}
	bNatural struct {
		NaturalPerson struct {
			Name struct {
				NameIdentifier []bName `json:"nameIdentifier"`
			} `json:"name"`
		} `json:"naturalPerson"`
	}
	bLegal struct {
		LegalPerson struct {
			Name struct {
				NameIdentifier []struct {
					Name string `json:"legalPersonName"`
					Type string `json:"legalPersonNameIdentifierType"`
				} `json:"nameIdentifier"`
			} `json:"name"`
		} `json:"legalPerson"`
	}
	bEnvelope struct {
		IVMS101 struct {
			Originator struct {
				Persons  []bNatural `json:"originatorPersons"`
				Accounts []string   `json:"accountNumber,omitempty"`
			} `json:"Originator"`
			Beneficiary struct {
				Persons  []bNatural `json:"beneficiaryPersons"`
				Accounts []string   `json:"accountNumber,omitempty"`
			} `json:"Beneficiary"`
			OriginatingVASP struct {
				VASP bLegal `json:"originatingVASP"`
			} `json:"OriginatingVASP"`
		} `json:"ivms101"`
	}
	bKey struct {
		PublicKey string `json:"publicKey"`
	}
	bSecuredPII struct {
		Initiator      bKey   `json:"initiatorKeyInfo"`
		Receiver       bKey   `json:"receiverKeyInfo"`
		Algorithm      string `json:"secretAlgorithm"`
		Format         string `json:"piiSecretFormatType"`
		Spec           string `json:"piiSpecVersion"`
		SecuredPayload string `json:"securedPayload"`
	}
	bRequest struct {
		RequestID       string      `json:"requestId"`
		VerifyDirection int         `json:"verifyDirection"`
		Network         string      `json:"network"`
		Ticker          string      `json:"ticker"`
		Address         string      `json:"address"`
		Tag             string      `json:"tag"`
		TxID            *string     `json:"txId"`
		TargetVASPCode  string      `json:"targetVaspCode"`
		Amount          string      `json:"amount"`
		FiatName        string      `json:"fiatName"`
		FiatPrice       string      `json:"fiatPrice"`
		ExpectFields    []string    `json:"expectVerifyFields"`
		PII             bSecuredPII `json:"piiSecuredInfo"`
		InitiatorKey    string      `json:"initiatorPublicKey"`
		TargetKey       string      `json:"targetVaspPublicKey"`
		Encrypted       string      `json:"encryptedPayload"`
	}
	bResponse struct {
		VerifyStatus int    `json:"verifyStatus"`
		VerifyStage  string `json:"verifyStage"`
		Data         struct {
			RequestID    string `json:"requestId"`
			VerifyFields []struct {
				Type   string `json:"type"`
				Status int    `json:"status"`
			} `json:"verifyFields"`
			PII bSecuredPII `json:"piiSecuredInfo"`
		} `json:"data"`
	}
)

// BenchmarkOneStepBaseline does the same work by hand: the same IVMS
// envelope with hand-written structs, box.SealAfterPrecomputation with a
// precomputed key, json + net/http, then opening the answer's PII with
// box.OpenAfterPrecomputation and decoding it with encoding/json.
func BenchmarkOneStepBaseline(b *testing.B) {
	srv := benchServer(b)
	mine, their := ourKey(b), theirKey(b)
	var shared [32]byte
	theirPub := [32]byte(their.PublicKey())
	theirX, err := pii.PublicToX25519(&theirPub)
	if err != nil {
		b.Fatal(err)
	}
	seed, _, err := pii.ParsePrivateKey(mine.ExportPrivateKey())
	if err != nil {
		b.Fatal(err)
	}
	myX := pii.PrivateToX25519(&seed)
	box.Precompute(&shared, &theirX, &myX)
	hc := &http.Client{}
	mineB64, theirB64 := mine.PublicKey().String(), their.PublicKey().String()

	run := func() {
		var env bEnvelope
		env.IVMS101.Originator.Persons = []bNatural{{}}
		env.IVMS101.Originator.Persons[0].NaturalPerson.Name.NameIdentifier = []bName{{"Doe", "Jane", "LEGL"}}
		env.IVMS101.Originator.Accounts = []string{"acct-1"}
		env.IVMS101.Beneficiary.Persons = []bNatural{{}}
		env.IVMS101.Beneficiary.Persons[0].NaturalPerson.Name.NameIdentifier = []bName{{"Roe", "Richard", "LEGL"}}
		env.IVMS101.Beneficiary.Accounts = []string{"0x00000000000000000000000000000000000000aa"}
		env.IVMS101.OriginatingVASP.VASP.LegalPerson.Name.NameIdentifier = append(env.IVMS101.OriginatingVASP.VASP.LegalPerson.Name.NameIdentifier,
			struct {
				Name string `json:"legalPersonName"`
				Type string `json:"legalPersonNameIdentifierType"`
			}{"Acme Exchange Ltd", "LEGL"})
		plain, err := json.Marshal(env)
		if err != nil {
			b.Fatal(err)
		}
		var nonce [24]byte
		if _, err := rand.Read(nonce[:]); err != nil {
			b.Fatal(err)
		}
		sealed := box.SealAfterPrecomputation(nonce[:], plain, &nonce, &shared)
		payload := base64.StdEncoding.EncodeToString(sealed)
		body, err := json.Marshal(bRequest{
			RequestID: "acme-bench-0001", VerifyDirection: 2, Network: "ETH", Ticker: "ETH",
			Address: "0x00000000000000000000000000000000000000aa", TargetVASPCode: "beta_vasp",
			Amount: "0.5", FiatName: "USD", FiatPrice: "1500", ExpectFields: []string{"110026"},
			PII: bSecuredPII{Initiator: bKey{mineB64}, Receiver: bKey{theirB64}, Algorithm: "ed25519_curve25519",
				Format: "FULL_JSON_OBJECT_ENCRYPT", Spec: "ivms101-2020", SecuredPayload: payload},
			InitiatorKey: mineB64, TargetKey: theirB64, Encrypted: payload,
		})
		if err != nil {
			b.Fatal(err)
		}
		hreq, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, srv.URL+oneStepPath, bytes.NewReader(body))
		hreq.Header.Set("Content-Type", "application/json")
		hreq.Header.Set("Authorization", "Bearer bench-token")
		resp, err := hc.Do(hreq)
		if err != nil {
			b.Fatal(err)
		}
		raw, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatal(err, strconv.Itoa(resp.StatusCode))
		}
		var out bResponse
		if err := json.Unmarshal(raw, &out); err != nil || out.VerifyStatus != 100000 {
			b.Fatal(err)
		}
		ct, err := base64.StdEncoding.DecodeString(out.Data.PII.SecuredPayload)
		if err != nil || len(ct) < 40 {
			b.Fatal(err)
		}
		var n [24]byte
		copy(n[:], ct[:24])
		opened, ok := box.OpenAfterPrecomputation(nil, ct[24:], &n, &shared)
		if !ok {
			b.Fatal("open failed")
		}
		var identity bEnvelope
		if err := json.Unmarshal(opened, &identity); err != nil {
			b.Fatal(err)
		}
	}
	run()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		run()
	}
	reportCPU(b, cpu)
}
