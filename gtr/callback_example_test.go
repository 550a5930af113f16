package gtr_test

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

// customersByAddress stands for the exchange's wallet database.
var customersByAddress = map[string]ivms.Person{
	"0xA11CE": ivms.NewNaturalPerson("Doe", "Jane").Person(),
}

// A receiving VASP's callback endpoint: GTR asks whether an address is
// ours (callback 6, answer within 2 s), then sends the originator's PII
// (callback 4), which the handler opens with our key pair; we verify our
// customer with GTR's matching rules and return the document with our VASP
// filled in. Here the fake platform plays GTR, over mTLS both ways.
func ExampleNewCallbackHandler() {
	platform := gtrtest.NewServer(nil)
	defer platform.Close()
	_ = platform.AddVASP(gtrtest.VASP{Code: "ACME"})

	kp, _ := gtr.GenerateKeyPair(nil) // in production: gtr.ParseKeyPair(secret)
	platform.SetMemberPublicKey(kp.PublicKey())
	us := ivms.NewVASP("Example Exchange Ltd", "529900T8BM49AURSDO55").Person()

	handler, err := gtr.NewCallbackHandler(
		gtr.WithCallbackKeyPair(kp),
		gtr.OnAddressCheck(func(ctx context.Context, c *gtr.AddressCheck) (gtr.CheckAnswer, error) {
			if _, ok := customersByAddress[c.Address]; ok {
				return gtr.CheckAnswer{Result: gtr.CheckFound}, nil
			}
			return gtr.CheckAnswer{Result: gtr.CheckNotFound}, nil
		}),
		gtr.OnPIIVerify(func(ctx context.Context, v *gtr.PIIVerification) (gtr.PIIVerifyAnswer, error) {
			customer, ok := customersByAddress[v.Address]
			if !ok {
				return gtr.PIIVerifyAnswer{Status: gtr.StatusPIIVerifyFail}, nil
			}
			back := *v.Identity
			back.BeneficiaryVASP = &ivms.BeneficiaryVASP{Person: &us}
			return gtr.PIIVerifyAnswer{
				Fields:   v.Verify([]ivms.Person{customer}, nil),
				Identity: &back,
			}, nil
		}),
	)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := platform.NewCallbackServer(handler); err != nil {
		log.Fatal(err)
	}

	sent, _ := ivms.NewPayload().
		Originator(ivms.NewNaturalPerson("Roe", "Richard").Person()).
		Beneficiary(ivms.NewNaturalPerson("DOE", "Jane Mary").Person(), "0xA11CE"). // a middle name we do not hold
		Build()
	out, err := platform.SendTravelRule(context.Background(), gtrtest.TravelRule{
		From: "ACME", Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH", Address: "0xA11CE",
		ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name()}, Identity: sent,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("callback 6 answered", out.Check.Status)
	fmt.Println("callback 4 answered", out.PII.Status, out.Fields[0].ID, out.Fields[0].Status)
	fmt.Println("returned our VASP:", out.Identity.BeneficiaryVASP != nil)
	// Output:
	// callback 6 answered SUCCESS
	// callback 4 answered SUCCESS BeneficiaryNaturalName MATCH
	// returned our VASP: true
}

// Serving the handler the way GTR authenticates callbacks: mTLS with
// tls.RequireAndVerifyClientCert against GTR's client-truststore.pem. The
// fake platform issues both certificates here; in production the server
// certificate comes from a public CA and the truststore from GTR's zip.
func ExampleCallbackTLSConfig() {
	platform := gtrtest.NewServer(nil)
	defer platform.Close()

	handler, _ := gtr.NewCallbackHandler()                        // requires a verified client certificate by default
	serverCert, _ := platform.IssueServerCertificate("127.0.0.1") // yours: from a public CA
	truststore := platform.RootCAs()                              // yours: client-truststore.pem

	srv := &http.Server{
		Handler:           handler,
		TLSConfig:         gtr.CallbackTLSConfig(serverCert, truststore),
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0), // refused handshakes are expected here
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go func() { _ = srv.ServeTLS(l, "", "") }()
	defer srv.Close()

	platform.SetCallbackURL("https://" + l.Addr().String() + "/gtr/callbacks")
	reply, err := platform.HealthCheck(context.Background()) // callback 0, with GTR's client certificate
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(reply.HTTPStatus, reply.Status)

	// A client without GTR's certificate does not get through the handshake.
	anonymous := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: truststore, MinVersion: tls.VersionTLS12}}}
	_, err = anonymous.Post("https://"+l.Addr().String()+"/gtr/callbacks", "application/json", nil)
	fmt.Println("without a client certificate:", err != nil)
	// Output:
	// 200 SUCCESS
	// without a client certificate: true
}

// Behind a reverse proxy that terminates TLS and has verified GTR's client
// certificate itself, the handler cannot see the certificate and must be
// told not to look for it. Anywhere else this would serve anyone.
func ExampleWithoutCallbackAuthentication() {
	// Only the proxy can reach this server (e.g. a private network).
	behindProxy, _ := gtr.NewCallbackHandler(gtr.WithoutCallbackAuthentication())
	// A default handler on the same plain HTTP server refuses every call.
	standalone, _ := gtr.NewCallbackHandler()

	health := `{"callbackType":0,"callbackData":{}}`
	for _, h := range []*gtr.CallbackHandler{behindProxy, standalone} {
		srv := httptest.NewServer(h)
		resp, err := http.Post(srv.URL, "application/json", strings.NewReader(health))
		if err != nil {
			log.Fatal(err)
		}
		resp.Body.Close()
		srv.Close()
		fmt.Println(resp.StatusCode)
	}
	// Output:
	// 200
	// 403
}

// DecodeCallback reads a callback body without a handler, for callbacks
// that arrive through a queue.
func ExampleDecodeCallback() {
	body := []byte(`{"requestId":"acme-0001","invokeVaspCode":"EXAMPLE","callbackType":6,
		"callbackData":{"network":"XRP","ticker":"XRP","address":"rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh","tag":12345,"initiatorVasp":"ACME"}}`)
	ev, err := gtr.DecodeCallback(body)
	if err != nil {
		log.Fatal(err)
	}
	switch c := ev.(type) {
	case *gtr.AddressCheck:
		fmt.Println(c.Type, c.RequestID, c.Network, c.Tag, c.InitiatorVASP)
	}

	_, err = gtr.DecodeCallback([]byte(`{"requestId":"acme-0002","callbackType":9,"callbackData":{"network":"BTC"}}`))
	fmt.Println(errors.Is(err, gtr.ErrMalformedCallback))
	fmt.Println(err) // names the field, never a value
	// Output:
	// ADDRESS_VERIFICATION acme-0001 XRP 12345 ACME
	// true
	// gtr: malformed callback: callbackData.txId: missing
}
