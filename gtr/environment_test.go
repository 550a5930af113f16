package gtr_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
)

// TestEnvironmentDefaultIsSandbox: no client reaches production unless
// asked for it.
func TestEnvironmentDefaultIsSandbox(t *testing.T) {
	t.Parallel()
	srv := gtrtest.NewServer(t)
	cert := gtr.WithClientCertificate(srv.ClientCertificate())
	auth := gtr.WithAppToken("VASPCODE", "access-key", "secret-key")
	for _, tc := range []struct {
		name string
		opts []gtr.Option
		want string
	}{
		{"default", nil, gtr.UATURL},
		{"sandbox", []gtr.Option{gtr.WithEnvironment(gtr.Sandbox)}, gtr.UATURL},
		{"production", []gtr.Option{gtr.WithEnvironment(gtr.Production)}, gtr.ProductionURL},
		{"base URL wins", []gtr.Option{gtr.WithEnvironment(gtr.Production), gtr.WithBaseURL("https://gtr-proxy.example")}, "https://gtr-proxy.example"},
	} {
		c, err := gtr.New(append(tc.opts, auth, cert)...)
		if err != nil {
			t.Fatalf("%s: New: %v", tc.name, err)
		}
		if got := fmt.Sprint(c); !strings.Contains(got, "baseURL: "+tc.want+",") {
			t.Errorf("%s: client = %s, want base URL %s", tc.name, got, tc.want)
		}
	}
	for _, env := range []gtr.Environment{0, 3, -1} {
		_, err := gtr.New(auth, cert, gtr.WithEnvironment(env))
		if !errors.Is(err, gtr.ErrConfig) || !strings.Contains(err.Error(), "WithEnvironment") {
			t.Errorf("WithEnvironment(%d): New = %v, want ErrConfig naming WithEnvironment", int(env), err)
		}
	}
}

func ExampleWithEnvironment() {
	srv := gtrtest.NewServer(nil) // here only for a client certificate
	defer srv.Close()
	cert := gtr.WithClientCertificate(srv.ClientCertificate()) // GTR's, from key_and_certificate.zip
	auth := gtr.WithAppToken("VASPCODE", "access-key", "secret-key")
	uat, err := gtr.New(auth, cert) // Sandbox, GTR's UAT platform, unless asked otherwise
	if err != nil {
		fmt.Println(err)
		return
	}
	prod, err := gtr.New(auth, cert, gtr.WithEnvironment(gtr.Production))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(gtr.Sandbox, strings.Contains(fmt.Sprint(uat), gtr.UATURL))
	fmt.Println(gtr.Production, strings.Contains(fmt.Sprint(prod), gtr.ProductionURL))
	// Output:
	// sandbox true
	// production true
}
