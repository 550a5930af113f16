package sign_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/internal/sign"
)

func ExampleSumsub_Sign() {
	clock := func() time.Time { return time.Unix(1712760187, 0) }
	s, err := sign.NewSumsub("sbx:app-token", "api_secret", clock)
	if err != nil {
		fmt.Println(err)
		return
	}
	body := []byte(`{"userId":"1000","levelName":"default","ttl":60}`)
	req, _ := http.NewRequest(http.MethodPost, "https://api.sumsub.com/resources/accessTokens", nil)
	if err := s.Sign(req, body); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.Header.Get("X-App-Access-Ts"))
	fmt.Println(req.Header.Get("X-App-Access-Sig"))
	// Output:
	// 1712760187
	// 260c8893fb0317e8a714ce3bce9c16821649f1e27a49bd7d926fcf23942628c0
}

func ExampleStriga_Sign() {
	clock := func() time.Time { return time.UnixMilli(1700000000000) }
	s, err := sign.NewStriga("test-api-key", "test-api-secret", sign.StrigaBasePath, clock)
	if err != nil {
		fmt.Println(err)
		return
	}
	body := []byte(`{"firstName":"Ada","lastName":"Lovelace"}`)
	req, _ := http.NewRequest(http.MethodPost, "https://www.sandbox.striga.com/api/v1/user/create", nil)
	if err := s.Sign(req, body); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.Header.Get("api-key"))
	fmt.Println(req.Header.Get("Authorization"))
	// Output:
	// test-api-key
	// HMAC 1700000000000:4250db2617af84e49945d6d1643e0200d4d5838d42c56eaa8c047cfec404a6e5
}

func ExampleVerifySumsub() {
	at := time.Unix(1700000000, 0)
	s, _ := sign.NewSumsub("tok", "secret", func() time.Time { return at })
	req, _ := http.NewRequest(http.MethodGet, "https://api.sumsub.com/resources/kyt/txns/abc/one", nil)
	_ = s.Sign(req, nil)

	fmt.Println(sign.VerifySumsub(req, nil, []byte("secret"), at, sign.SumsubMaxSkew))
	err := sign.VerifySumsub(req, nil, []byte("secret"), at.Add(2*time.Minute), sign.SumsubMaxSkew)
	fmt.Println(errors.Is(err, sign.ErrClockSkew))
	err = sign.VerifySumsub(req, nil, []byte("other"), at, sign.SumsubMaxSkew)
	fmt.Println(errors.Is(err, sign.ErrBadSignature))
	// Output:
	// <nil>
	// true
	// true
}

func ExampleVerifyStriga() {
	at := time.UnixMilli(1700000000000)
	s, _ := sign.NewStriga("key", "secret", "", func() time.Time { return at })
	req, _ := http.NewRequest(http.MethodGet, "https://www.sandbox.striga.com/api/v1/user/u1", nil)
	_ = s.Sign(req, nil) // a GET signs the MD5 of "{}"

	fmt.Println(sign.VerifyStriga(req, nil, []byte("secret"), "", at, time.Minute))
	req.Header.Set("Authorization", "HMAC nope")
	err := sign.VerifyStriga(req, nil, []byte("secret"), "", at, time.Minute)
	var he *sign.HeaderError
	fmt.Println(errors.As(err, &he), he.Header, errors.Is(err, sign.ErrMalformedHeader))
	// Output:
	// <nil>
	// true Authorization true
}

func ExampleVerifySumsubWebhook() {
	body := []byte("someText")
	h := http.Header{}
	h.Set("X-Payload-Digest", "f6e92ffe371718694d46e28436f76589312df8db")
	h.Set("X-Payload-Digest-Alg", "HMAC_SHA1_HEX")
	fmt.Println(sign.VerifySumsubWebhook(body, h, []byte("SoMe_SeCrEt_KeY")))
	fmt.Println(sign.VerifySumsubWebhook(body, h, []byte("wrong")))
	// Output:
	// <nil>
	// sign: signature mismatch
}

func ExampleDigest() {
	key, body := []byte("api-key"), []byte(`{"type":"ON_CHAIN_DEPOSIT_PENDING"}`)
	sig := sign.Digest(sign.SHA256, key, body) // what a fake Striga puts in "signature"
	h := http.Header{"Signature": {sig}}
	fmt.Println(len(sig), sign.VerifyStrigaWebhook(body, h, key))
	// Output:
	// 64 <nil>
}

func ExampleSecret() {
	s := sign.NewSecret("hunter2")
	fmt.Printf("%v %+v %#v %q %x\n", s, s, s, s, s)
	fmt.Println(strings.Repeat("*", len(s.Reveal())))
	// Output:
	// [REDACTED] [REDACTED] [REDACTED] [REDACTED] [REDACTED]
	// *******
}
