package gtr

import (
	"crypto/tls"
	"crypto/x509"
	"net/netip"
)

// gtrEgressIPs are the addresses GTR sends callbacks from, the same for
// test and production (GTR docs page "Whitelist GTR IP Addresses").
var gtrEgressIPs = []string{"35.74.112.84", "43.206.88.63", "3.114.14.124"}

// GTRCallbackSources returns the addresses GTR publishes as the sources of
// its callbacks (35.74.112.84, 43.206.88.63, 3.114.14.124), for
// WithAllowedSources or a firewall. The slice is a copy.
func GTRCallbackSources() []netip.Prefix {
	out := make([]netip.Prefix, 0, len(gtrEgressIPs))
	for _, s := range gtrEgressIPs {
		out = append(out, netip.PrefixFrom(netip.MustParseAddr(s), 32))
	}
	return out
}

// CallbackTLSConfig returns the TLS configuration to serve a CallbackHandler
// with. GTR authenticates its callbacks by mTLS: it presents a client
// certificate that chains to the CA bundle client-truststore.pem of the
// key_and_certificate.zip GTR hands out (load it with
// x509.NewCertPool().AppendCertsFromPEM). serverCert is our callback
// server's certificate — from a public CA, never GTR's certificate.pem,
// which is our client certificate for calling GTR.
//
// The configuration requires and verifies the client certificate
// (tls.RequireAndVerifyClientCert against gtrTruststore) and TLS 1.2 or
// later:
//
//	srv := &http.Server{
//		Addr:      ":8443",
//		Handler:   handler,
//		TLSConfig: gtr.CallbackTLSConfig(serverCert, truststore),
//	}
//	err := srv.ListenAndServeTLS("", "")
func CallbackTLSConfig(serverCert tls.Certificate, gtrTruststore *x509.CertPool) *tls.Config {
	return &tls.Config{
		Certificates: []tls.Certificate{serverCert},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    gtrTruststore,
		MinVersion:   tls.VersionTLS12,
	}
}
