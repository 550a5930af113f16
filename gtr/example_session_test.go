package gtr_test

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"os"
	"time"

	"github.com/vaspkit/vaspkit/gtr"
)

// clientEvents is a slog.Handler that prints a client's own events (a
// login, a re-login) under a name, and skips its per-attempt lines.
type clientEvents string

func (h clientEvents) Enabled(context.Context, slog.Level) bool { return true }

func (h clientEvents) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "vaspkit http" {
		fmt.Printf("%s: %s\n", h, r.Message)
	}
	return nil
}

func (h clientEvents) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h clientEvents) WithGroup(string) slog.Handler      { return h }

// Two clients in one process with the same API key share one login
// session: one login serves both. (Across processes, use WithAppToken.)
func ExampleNewLoginSession() {
	srv := demoPlatform()
	defer srv.Close()

	session := gtr.NewLoginSession(srv.Credentials()) // vaspCode, accessKey, secretKey
	newClient := func(name string) *gtr.Client {
		c, err := gtr.New(
			gtr.WithBaseURL(srv.URL),
			gtr.WithClientCertificate(srv.ClientCertificate()),
			gtr.WithRootCAs(srv.RootCAs()),
			gtr.WithLoginSession(session),
			gtr.WithLogger(slog.New(clientEvents(name))),
		)
		if err != nil {
			log.Fatal(err)
		}
		return c
	}
	withdrawals, deposits := newClient("withdrawals"), newClient("deposits")
	for _, c := range []*gtr.Client{deposits, withdrawals, deposits, withdrawals} {
		if _, err := c.VASPDetail(context.Background(), "BENE"); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println(session)
	// Output:
	// deposits: gtr: logged in
	// gtr.LoginSession{vaspCode: VASPKIT_TEST, loggedIn: true, credentials: [REDACTED]}
}

// Without a shared session, each client made WithLogin has a session of
// its own. GTR keeps one session per API key, so each login logs the other
// client out, and every call after the other's login logs in again. Give
// such clients one LoginSession.
func ExampleWithLoginSession() {
	srv := demoPlatform()
	defer srv.Close()

	newClient := func(name string, auth gtr.Option) *gtr.Client {
		c, err := gtr.New(
			gtr.WithBaseURL(srv.URL),
			gtr.WithClientCertificate(srv.ClientCertificate()),
			gtr.WithRootCAs(srv.RootCAs()),
			auth,
			gtr.WithLogger(slog.New(clientEvents(name))),
		)
		if err != nil {
			log.Fatal(err)
		}
		return c
	}
	run := func(a, b *gtr.Client) {
		for _, c := range []*gtr.Client{a, b, a} {
			if _, err := c.VASPDetail(context.Background(), "BENE"); err != nil {
				log.Fatal(err)
			}
		}
	}

	fmt.Println("a session each:")
	run(newClient("a", gtr.WithLogin(srv.Credentials())), newClient("b", gtr.WithLogin(srv.Credentials())))

	fmt.Println("one shared session:")
	session := gtr.NewLoginSession(srv.Credentials())
	run(newClient("c", gtr.WithLoginSession(session)), newClient("d", gtr.WithLoginSession(session)))
	// Output:
	// a session each:
	// a: gtr: logged in
	// b: gtr: logged in
	// a: gtr: session refused, logging in again
	// a: gtr: logged in
	// one shared session:
	// c: gtr: logged in
}

// WithLoginTimeout bounds a login, its retries included. Each call waits
// for it no longer than its own ctx allows.
func ExampleWithLoginTimeout() {
	srv := demoPlatform()
	defer srv.Close()

	c, err := gtr.New(
		gtr.WithBaseURL(srv.URL),
		gtr.WithClientCertificate(srv.ClientCertificate()),
		gtr.WithRootCAs(srv.RootCAs()),
		gtr.WithLogin(srv.Credentials()),
		gtr.WithLoginTimeout(5*time.Second),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	d, err := c.VASPDetail(ctx, "BENE")
	if err != nil {
		log.Fatal(err) // a *gtr.LoginError when the login failed or took too long
	}
	fmt.Println(d.VASPCode, d.EntityName)
	// Output:
	// BENE Bene Exchange
}

// A session prints its VASP code and whether it is logged in; its
// credentials and token never, under any verb nor through log/slog.
func ExampleLoginSession_Format() {
	s := gtr.NewLoginSession("acme_exchange", "ACCESSKEY123", "SECRETKEY456")
	fmt.Println(s)
	fmt.Printf("%#v\n", s)
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	logger.Info("configured", "session", s)
	// Output:
	// gtr.LoginSession{vaspCode: acme_exchange, loggedIn: false, credentials: [REDACTED]}
	// gtr.LoginSession{vaspCode: acme_exchange, loggedIn: false, credentials: [REDACTED]}
	// level=INFO msg=configured session="gtr.LoginSession{vaspCode: acme_exchange, loggedIn: false, credentials: [REDACTED]}"
}
