package throughput

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha512"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"filippo.io/edwards25519"
	"golang.org/x/crypto/nacl/box"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

// Global Travel Rule: a pre-transaction one_step (a withdrawal) against
// gtrtest over real mTLS, with a login token, each call with a fresh
// requestId (GTR refuses a reused one with 100005). The fake plays the
// beneficiary VASP for real: it opens the sealed IVMS101 document with its
// key, matches the beneficiary's name against its customer at the address,
// and seals its own document back, which the caller opens and decodes.

const (
	gtrTarget  = "BENE"
	gtrAddress = "0x52908400098527886E0F7030069857D2E4169EE7"
	gtrAccount = "0xA11CE0000000000000000000000000000000A11CE"
)

// gtrFixture is one fake platform with the beneficiary VASP registered.
type gtrFixture struct {
	srv    *gtrtest.Server
	target gtr.PublicKey // the beneficiary VASP's Ed25519 PII key
	tls    *tls.Config   // the member's client certificate, the fake's CA
}

func newGTRFixture(b testing.TB) *gtrFixture {
	srv := gtrtest.NewServer(b)
	bob := ivms.NewNaturalPerson("Beneficiary", "Bob").Person()
	if err := srv.AddVASP(gtrtest.VASP{
		Code:      gtrTarget,
		Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "ETH", Address: gtrAddress}: bob},
	}); err != nil {
		b.Fatal(err)
	}
	target, ok := srv.VASPPublicKey(gtrTarget)
	if !ok {
		b.Fatal("gtrtest: no key for the target VASP")
	}
	return &gtrFixture{
		srv:    srv,
		target: target,
		tls: &tls.Config{
			Certificates: []tls.Certificate{srv.ClientCertificate()},
			RootCAs:      srv.RootCAs(),
			MinVersion:   tls.VersionTLS12,
		},
	}
}

// gtrIdentity is the withdrawal's IVMS101 payload: our customer Alice, the
// beneficiary Bob at gtrAddress, our company.
func gtrIdentity() (*ivms.IdentityPayload, error) {
	dob := time.Date(1985, 4, 12, 0, 0, 0, 0, time.UTC)
	return ivms.NewPayload().
		Originator(ivms.NewNaturalPerson("Originator", "Alice").DateOfBirth(dob, "Lisbon").Person(), gtrAccount).
		Beneficiary(ivms.NewNaturalPerson("Beneficiary", "Bob").Person(), gtrAddress).
		OriginatingVASP(ivms.NewVASP("Example Exchange Ltd", "529900T8BM49AURSDO55").Person()).
		Build()
}

// newGTROp returns one OneStep through the SDK: validation, the IVMS
// envelope, sealing with the cached shared key, the call through the rest
// pipeline with the shared login token, and opening and decoding the
// counterparty's document.
func newGTROp(fx *gtrFixture, hc *http.Client) (op, error) {
	kp, err := gtr.GenerateKeyPair(nil)
	if err != nil {
		return nil, err
	}
	c, err := gtr.New(
		gtr.WithBaseURL(fx.srv.URL),
		gtr.WithHTTPClient(hc),
		gtr.WithLogin(fx.srv.Credentials()),
		gtr.WithKeyPair(kp),
	)
	if err != nil {
		return nil, err
	}
	identity, err := gtrIdentity()
	if err != nil {
		return nil, err
	}
	// Key, format type and spec version all set, as the baseline sends
	// them: OneStep makes no VASP detail call.
	tmpl := gtr.OneStepRequest{
		Direction:       gtr.PreTransaction,
		Network:         "ETH",
		Ticker:          "ETH",
		Address:         gtrAddress,
		TargetVASPCode:  gtrTarget,
		TargetPublicKey: fx.target,
		PIIFormat:       gtr.FullJSONObjectEncrypt,
		PIISpecVersion:  gtr.PIISpecVersion,
		Amount:          "0.5",
		FiatName:        "USD",
		FiatPrice:       "1500",
		ExpectFields:    []gtr.FieldID{gtr.BeneficiaryNatural.Name()},
		Identity:        identity, // only read by OneStep
	}
	return func(ctx context.Context) error {
		req := tmpl
		req.RequestID = nextID("gtr")
		res, err := c.OneStep(ctx, &req)
		if err != nil {
			return err
		}
		if res.Status != gtr.StatusSuccess || len(res.Fields) != 1 || res.Fields[0].Status != gtr.FieldMatch {
			return fmt.Errorf("one_step: status %d, fields %v", res.Status, res.Fields)
		}
		if res.Identity == nil || res.Identity.BeneficiaryVASP == nil {
			return fmt.Errorf("one_step: counterparty document not opened: %v", res.IdentityErr)
		}
		return nil
	}, nil
}

// Hand-written wire types of the baseline.
type (
	hwName struct {
		Primary   string `json:"primaryIdentifier"`
		Secondary string `json:"secondaryIdentifier,omitempty"`
		Type      string `json:"nameIdentifierType"`
	}
	hwNatural struct {
		NaturalPerson struct {
			Name struct {
				NameIdentifier []hwName `json:"nameIdentifier"`
			} `json:"name"`
			DateAndPlaceOfBirth *struct {
				DateOfBirth  string `json:"dateOfBirth"`
				PlaceOfBirth string `json:"placeOfBirth"`
			} `json:"dateAndPlaceOfBirth,omitempty"`
		} `json:"naturalPerson"`
	}
	hwLegal struct {
		LegalPerson struct {
			Name struct {
				NameIdentifier []struct {
					Name string `json:"legalPersonName"`
					Type string `json:"legalPersonNameIdentifierType"`
				} `json:"nameIdentifier"`
			} `json:"name"`
			NationalIdentification *struct {
				Identifier string `json:"nationalIdentifier"`
				Type       string `json:"nationalIdentifierType"`
			} `json:"nationalIdentification,omitempty"`
		} `json:"legalPerson"`
	}
	hwIVMS struct {
		IVMS101 struct {
			Originator struct {
				Persons  []hwNatural `json:"originatorPersons"`
				Accounts []string    `json:"accountNumber,omitempty"`
			} `json:"Originator"`
			Beneficiary struct {
				Persons  []hwNatural `json:"beneficiaryPersons"`
				Accounts []string    `json:"accountNumber,omitempty"`
			} `json:"Beneficiary"`
			OriginatingVASP struct {
				VASP hwLegal `json:"originatingVASP"`
			} `json:"OriginatingVASP"`
			BeneficiaryVASP *struct {
				VASP hwLegal `json:"beneficiaryVASP"`
			} `json:"BeneficiaryVASP,omitempty"`
		} `json:"ivms101"`
	}
	hwKey struct {
		PublicKey string `json:"publicKey"`
	}
	hwSecured struct {
		Initiator      hwKey  `json:"initiatorKeyInfo"`
		Receiver       hwKey  `json:"receiverKeyInfo"`
		Algorithm      string `json:"secretAlgorithm"`
		Format         string `json:"piiSecretFormatType"`
		Spec           string `json:"piiSpecVersion"`
		SecuredPayload string `json:"securedPayload"`
	}
	hwOneStep struct {
		RequestID       string    `json:"requestId"`
		VerifyDirection int       `json:"verifyDirection"`
		Network         string    `json:"network"`
		Ticker          string    `json:"ticker"`
		Address         string    `json:"address"`
		Tag             string    `json:"tag"`
		TxID            *string   `json:"txId"`
		TargetVASPCode  string    `json:"targetVaspCode"`
		Amount          string    `json:"amount"`
		FiatName        string    `json:"fiatName"`
		FiatPrice       string    `json:"fiatPrice"`
		ExpectFields    []string  `json:"expectVerifyFields"`
		PII             hwSecured `json:"piiSecuredInfo"`
		InitiatorKey    string    `json:"initiatorPublicKey"`
		TargetKey       string    `json:"targetVaspPublicKey"`
		Encrypted       string    `json:"encryptedPayload"`
	}
	hwOneStepAnswer struct {
		VerifyStatus int    `json:"verifyStatus"`
		VerifyStage  string `json:"verifyStage"`
		Data         struct {
			RequestID    string `json:"requestId"`
			VerifyFields []struct {
				Type   string `json:"type"`
				Status int    `json:"status"`
			} `json:"verifyFields"`
			PII hwSecured `json:"piiSecuredInfo"`
		} `json:"data"`
	}
	hwLoginAnswer struct {
		VerifyStatus int `json:"verifyStatus"`
		Data         struct {
			JWT string `json:"jwt"`
		} `json:"data"`
	}
)

// handIdentity is gtrIdentity as hand-written structs, in GTR's envelope.
func handIdentity() hwIVMS {
	var p hwIVMS
	alice := hwNatural{}
	alice.NaturalPerson.Name.NameIdentifier = []hwName{{"Originator", "Alice", "LEGL"}}
	alice.NaturalPerson.DateAndPlaceOfBirth = &struct {
		DateOfBirth  string `json:"dateOfBirth"`
		PlaceOfBirth string `json:"placeOfBirth"`
	}{"1985-04-12", "Lisbon"}
	bob := hwNatural{}
	bob.NaturalPerson.Name.NameIdentifier = []hwName{{"Beneficiary", "Bob", "LEGL"}}
	p.IVMS101.Originator.Persons = []hwNatural{alice}
	p.IVMS101.Originator.Accounts = []string{gtrAccount}
	p.IVMS101.Beneficiary.Persons = []hwNatural{bob}
	p.IVMS101.Beneficiary.Accounts = []string{gtrAddress}
	vasp := &p.IVMS101.OriginatingVASP.VASP.LegalPerson
	vasp.Name.NameIdentifier = append(vasp.Name.NameIdentifier, struct {
		Name string `json:"legalPersonName"`
		Type string `json:"legalPersonNameIdentifierType"`
	}{"Example Exchange Ltd", "LEGL"})
	vasp.NationalIdentification = &struct {
		Identifier string `json:"nationalIdentifier"`
		Type       string `json:"nationalIdentifierType"`
	}{"529900T8BM49AURSDO55", "LEIX"}
	return p
}

// handSharedKey derives the NaCl box key between our Ed25519 seed and the
// peer's Ed25519 public key, by hand: the X25519 private key is SHA-512 of
// the seed, first half, clamped (libsodium's crypto_sign_ed25519_sk_to_curve25519);
// the X25519 public key is the Montgomery u of the peer's Edwards point
// (crypto_sign_ed25519_pk_to_curve25519); box.Precompute does the rest.
func handSharedKey(seed []byte, peer gtr.PublicKey) (*[32]byte, error) {
	h := sha512.Sum512(seed)
	var priv [32]byte
	copy(priv[:], h[:32])
	priv[0] &= 248
	priv[31] &= 127
	priv[31] |= 64
	p, err := new(edwards25519.Point).SetBytes(peer[:])
	if err != nil {
		return nil, err
	}
	var pub [32]byte
	copy(pub[:], p.BytesMontgomery())
	var shared [32]byte
	box.Precompute(&shared, &pub, &priv)
	return &shared, nil
}

// handLogin is POST /api/login by hand: signedSecretKey is the lower-case
// hex SHA-512 of the secret key.
func handLogin(ctx context.Context, hc *http.Client, fx *gtrFixture) (string, error) {
	code, access, secret := fx.srv.Credentials()
	sum := sha512.Sum512([]byte(secret))
	body, err := json.Marshal(map[string]any{
		"vaspCode": code, "accessKey": access, "signedSecretKey": hex.EncodeToString(sum[:]), "expireInMinutes": 1440,
	})
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, fx.srv.URL+gtrtest.PathLogin, bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	var out hwLoginAnswer
	if err := handDo(hc, req, &out); err != nil {
		return "", err
	}
	if out.VerifyStatus != 100000 || out.Data.JWT == "" {
		return "", fmt.Errorf("login: verifyStatus %d", out.VerifyStatus)
	}
	return out.Data.JWT, nil
}

// handDo sends req, reads the whole body and decodes a 200 into out.
func handDo(hc *http.Client, req *http.Request, out any) error {
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 10<<20))
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: HTTP %d", req.URL.Path, resp.StatusCode)
	}
	return json.Unmarshal(raw, out)
}

// newGTRBaselineOp returns the same one_step by hand: mTLS from the
// transport, a login token from handLogin, the envelope with encoding/json,
// box.SealAfterPrecomputation with a fresh random nonce (the shared key is
// computed once, as the SDK caches it per peer), then opening the answer's
// document with box.OpenAfterPrecomputation and decoding it.
func newGTRBaselineOp(ctx context.Context, fx *gtrFixture, hc *http.Client) (op, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	shared, err := handSharedKey(priv.Seed(), fx.target)
	if err != nil {
		return nil, err
	}
	token, err := handLogin(ctx, hc, fx)
	if err != nil {
		return nil, err
	}
	auth := "Bearer " + token
	mine, theirs := base64.StdEncoding.EncodeToString(pub), fx.target.String()
	url := fx.srv.URL + gtrtest.PathOneStep
	identity := handIdentity()
	return func(ctx context.Context) error {
		plain, err := json.Marshal(&identity)
		if err != nil {
			return err
		}
		var nonce [24]byte
		if _, err := rand.Read(nonce[:]); err != nil {
			return err
		}
		sealed := base64.StdEncoding.EncodeToString(box.SealAfterPrecomputation(nonce[:], plain, &nonce, shared))
		requestID := nextID("gtr")
		body, err := json.Marshal(&hwOneStep{
			RequestID: requestID, VerifyDirection: 2, Network: "ETH", Ticker: "ETH", Address: gtrAddress,
			TargetVASPCode: gtrTarget, Amount: "0.5", FiatName: "USD", FiatPrice: "1500",
			ExpectFields: []string{"110026"},
			PII: hwSecured{Initiator: hwKey{mine}, Receiver: hwKey{theirs}, Algorithm: "ed25519_curve25519",
				Format: "FULL_JSON_OBJECT_ENCRYPT", Spec: "ivms101-2020", SecuredPayload: sealed},
			InitiatorKey: mine, TargetKey: theirs, Encrypted: sealed,
		})
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", auth)
		var out hwOneStepAnswer
		if err := handDo(hc, req, &out); err != nil {
			return err
		}
		if out.VerifyStatus != 100000 || out.Data.RequestID != requestID ||
			len(out.Data.VerifyFields) != 1 || out.Data.VerifyFields[0].Status != 1 {
			return fmt.Errorf("one_step: verifyStatus %d", out.VerifyStatus)
		}
		ct, err := base64.StdEncoding.DecodeString(out.Data.PII.SecuredPayload)
		if err != nil || len(ct) < 24+box.Overhead {
			return errors.New("one_step: securedPayload is not Base64 of a sealed box")
		}
		copy(nonce[:], ct[:24])
		opened, ok := box.OpenAfterPrecomputation(nil, ct[24:], &nonce, shared)
		if !ok {
			return errors.New("one_step: cannot open the counterparty's document")
		}
		var back hwIVMS
		if err := json.Unmarshal(opened, &back); err != nil {
			return err
		}
		if back.IVMS101.BeneficiaryVASP == nil {
			return errors.New("one_step: the counterparty's document has no beneficiary VASP")
		}
		return nil
	}, nil
}

// BenchmarkThroughputGTR is gtr.Client.OneStep from 1, 16 and 64
// goroutines sharing one client.
func BenchmarkThroughputGTR(b *testing.B) {
	forEachG(b, func(b *testing.B, g int) {
		fx := newGTRFixture(b)
		hc, dials := newHTTPClient(fx.tls)
		defer hc.CloseIdleConnections()
		do, err := newGTROp(fx, hc)
		if err != nil {
			b.Fatal(err)
		}
		measure(b, g, dials, do)
	})
}

// BenchmarkThroughputGTRBaseline is the same one_step by hand.
func BenchmarkThroughputGTRBaseline(b *testing.B) {
	forEachG(b, func(b *testing.B, g int) {
		fx := newGTRFixture(b)
		hc, dials := newHTTPClient(fx.tls)
		defer hc.CloseIdleConnections()
		do, err := newGTRBaselineOp(context.Background(), fx, hc)
		if err != nil {
			b.Fatal(err)
		}
		measure(b, g, dials, do)
	})
}
