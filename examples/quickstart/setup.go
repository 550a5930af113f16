package main

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/bolt11"
	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// The demo's own data: our VASP, our customer, the transfers. With the
// fakes, the counterparties below are registered on the fake GTR platform;
// against real sandboxes the transfers come from the environment.
var (
	ourVASP  = ivms.NewVASP("Example Exchange Ltd", "529900T8BM49AURSDO55").CountryOfRegistration("DE").Person()
	customer = ivms.NewNaturalPerson("Okafor", "Amelie").
			DateOfBirth(time.Date(1985, 4, 12, 0, 0, 0, 0, time.UTC), "Lisbon").
			CountryOfResidence("PT").CustomerID("user-42").Person()
	customerID = "user-42" // our id for the customer, Sumsub's externalUserId
	// The withdrawal's beneficiary as our customer typed it in.
	withdrawalBeneficiary = ivms.NewNaturalPerson("Brennan", "Bartholomew").
				DateOfBirth(time.Date(1990, 2, 3, 0, 0, 0, 0, time.UTC), "Porto").Person()
	// The deposit's sender as the sending VASP knows it.
	depositSender = ivms.NewNaturalPerson("Castellanos", "Carmen").
			DateOfBirth(time.Date(1979, 11, 30, 0, 0, 0, 0, time.UTC), "Madrid").Person()

	fakeWithdrawal = transfer{VASP: "BENE", Address: "0x7a1bB0b5e0A9cE3c0fFee0Bd1e2F3a4B5c6D7e8f", Network: "ETH", Ticker: "ETH"}
	fakeDeposit    = transfer{VASP: "ORIG", Address: "0x5e0dEeD0C0fFee1234567890aBcDeF0123456789", Network: "ETH", Ticker: "ETH",
		TxID: "0x9f3c1e7a2b4d6f8091a3c5e7092b4d6f8a1c3e5f7092b4d6f8a1c3e5f7092b4d",
		From: "0x0Dd5aF1c0aB2E3f4a5B6c7D8e9F0a1B2c3D4e5F6"}
	fakeStrigaUser    = "6f1c2e0a-3b7d-4c9e-8a51-2d4f6b8c0e13"
	fakeStrigaAddress = "0x3c44CdDdB6a900fa2b585dd299e03d12FA4293BC"
	// A testnet invoice (the sandbox's BTC is testnet Lightning).
	fakeStrigaInvoice = "lntb1500n1pnhfpvqpp57n76ynv8dywcmyyucpvm6s24rf6t2c2c69mgn2zjzrxqy9l8c3aqdp2w3exzan9d3e82mr9yp6x2um5dejhggrfdemx76trv5xq8pwlcrcqsp5wwwcgze002rkqu8haxygupux7xndvmmq2mlcyphpjzudmaxrhnaq9qrsgq4huddkz2w8cc932h23lflucq3jfc4l5q8srn8sk97rea0ag80zd9wgpt7w65zpdgxhrv0xacru68x9du4mqwgj3yj799adurz302huspkn2kth"
)

// env holds the three clients and the demo's parameters, whether they
// talk to fakes or to real sandboxes.
type env struct {
	gtr        *gtr.Client
	monitoring *monitoring.Client
	striga     *travelrule.Client

	withdrawal, deposit transfer
	levelName           string
	strigaUser          string
	strigaAddress       string
	strigaInvoice       string

	fakes   []string
	closers []func()
	// secrets lists every credential in use, for the leak test only.
	secrets []string
}

func (e *env) Close() {
	for i := len(e.closers) - 1; i >= 0; i-- {
		e.closers[i]()
	}
}

func (e *env) describe() string {
	if len(e.fakes) == 0 {
		return "real sandboxes for GTR, Sumsub and Striga"
	}
	if len(e.fakes) == 3 {
		return "in-process fakes of GTR, Sumsub and Striga (set VASPKIT_* to use real sandboxes; -h lists them)"
	}
	return "in-process fakes of " + strings.Join(e.fakes, " and ") + "; real sandboxes for the rest"
}

// setUp builds the three clients. Each provider is real when configured,
// and otherwise a fake started here; either way the client is built with
// the same New call, only its options differ.
func setUp(cfg config, logger *slog.Logger) (_ *env, err error) {
	e := &env{}
	defer func() {
		if err != nil {
			e.Close()
		}
	}()
	gtrOpts, err := e.gtrOptions(cfg.GTR)
	if err != nil {
		return nil, err
	}
	if logger != nil {
		gtrOpts = append(gtrOpts, gtr.WithLogger(logger))
	}
	if e.gtr, err = gtr.New(gtrOpts...); err != nil {
		return nil, fmt.Errorf("gtr client: %w", err)
	}
	monOpts := e.monitoringOptions(cfg.Sumsub)
	if logger != nil {
		monOpts = append(monOpts, monitoring.WithLogger(logger))
	}
	if e.monitoring, err = monitoring.New(monOpts...); err != nil {
		return nil, fmt.Errorf("monitoring client: %w", err)
	}
	// The full BOLT11 check (signature, payment hash, payment secret,
	// feature bits) is plugged in: package travelrule alone checks only an
	// invoice's form and network, and links no lnd code.
	trOpts := append(e.strigaOptions(cfg.Striga), travelrule.WithInvoiceCheck(bolt11.CheckInvoice))
	if logger != nil {
		trOpts = append(trOpts, travelrule.WithLogger(logger))
	}
	if e.striga, err = travelrule.New(trOpts...); err != nil {
		return nil, fmt.Errorf("travelrule client: %w", err)
	}
	return e, nil
}

func (e *env) gtrOptions(c gtrConfig) ([]gtr.Option, error) {
	if c.real() {
		kp, err := gtr.ParseKeyPair(c.PIIPrivateKey)
		if err != nil {
			return nil, fmt.Errorf("VASPKIT_GTR_PII_PRIVATE_KEY: %w", err)
		}
		url := c.URL
		if url == "" {
			url = gtr.UATURL
		}
		opts := []gtr.Option{gtr.WithBaseURL(url), gtr.WithKeyPair(kp)}
		if c.P12File != "" {
			data, err := readFile(c.P12File)
			if err != nil {
				return nil, err
			}
			opts = append(opts, gtr.WithClientCertificatePKCS12(data, c.P12Password))
		} else {
			opts = append(opts, gtr.WithClientCertificateFiles(c.CertFile, c.KeyFile))
		}
		if c.AppToken {
			opts = append(opts, gtr.WithAppToken(c.VASPCode, c.AccessKey, c.Secret))
		} else {
			opts = append(opts, gtr.WithLogin(c.VASPCode, c.AccessKey, c.Secret))
		}
		e.secrets = append(e.secrets, c.AccessKey, c.Secret, c.PIIPrivateKey, c.P12Password)
		e.withdrawal, e.deposit = c.Withdrawal, c.Deposit
		e.deposit.Network, e.deposit.Ticker = c.Withdrawal.Network, c.Withdrawal.Ticker
		return opts, nil
	}

	srv, err := gtrtest.Start()
	if err != nil {
		return nil, fmt.Errorf("start the fake GTR platform: %w", err)
	}
	e.closers = append(e.closers, srv.Close)
	e.fakes = append(e.fakes, "GTR")
	e.withdrawal, e.deposit = fakeWithdrawal, fakeDeposit
	// The counterparties: one holds the withdrawal's destination for its
	// customer, the other sent the deposit for its customer.
	err = errors.Join(
		srv.AddVASP(gtrtest.VASP{Code: "BENE", Name: "Bene Exchange", Brand: "Bene", Country: "SG",
			Addresses: map[gtrtest.Wallet]ivms.Person{{Network: fakeWithdrawal.Network, Address: fakeWithdrawal.Address}: withdrawalBeneficiary}}),
		srv.AddVASP(gtrtest.VASP{Code: "ORIG", Name: "Orig Markets", Brand: "Orig", Country: "GB",
			TxIDs: map[string]gtrtest.Transfer{fakeDeposit.TxID: {
				To:     gtrtest.Wallet{Network: fakeDeposit.Network, Address: fakeDeposit.Address},
				Sender: depositSender,
			}}}),
		srv.AddVASP(gtrtest.VASP{Code: "THIRD", Name: "Third Custody", Brand: "Third", Country: "CH"}),
	)
	if err != nil {
		return nil, fmt.Errorf("register the fake counterparties: %w", err)
	}
	kp, err := gtr.GenerateKeyPair(nil)
	if err != nil {
		return nil, err
	}
	srv.SetMemberPublicKey(kp.PublicKey())
	_, access, secret := srv.Credentials()
	e.secrets = append(e.secrets, access, secret, kp.ExportPrivateKey())
	return []gtr.Option{
		gtr.WithBaseURL(srv.URL),
		gtr.WithClientCertificate(srv.ClientCertificate()),
		gtr.WithRootCAs(srv.RootCAs()),
		gtr.WithLogin(srv.Credentials()),
		gtr.WithKeyPair(kp),
	}, nil
}

func (e *env) monitoringOptions(c sumsubConfig) []monitoring.Option {
	e.levelName = c.LevelName
	if c.real() {
		e.secrets = append(e.secrets, c.AppToken, c.Secret)
		opts := []monitoring.Option{monitoring.WithAppToken(c.AppToken, c.Secret)}
		if c.URL != "" {
			opts = append(opts, monitoring.WithBaseURL(c.URL))
		}
		return opts
	}
	// The fake scores like a simple rule set: large amounts are held for a
	// compliance officer, the rest pass.
	srv := monitoringtest.NewServer(nil, monitoringtest.WithRule(monitoringtest.HoldAbove("10000")))
	e.closers = append(e.closers, srv.Close)
	e.fakes = append(e.fakes, "Sumsub")
	if e.levelName == "" {
		e.levelName = "basic-kyc-level"
	}
	token, secret := srv.AppToken()
	e.secrets = append(e.secrets, token, secret)
	return []monitoring.Option{
		monitoring.WithBaseURL(srv.URL),
		monitoring.WithAppToken(token, secret),
		monitoring.WithHTTPClient(srv.HTTPClient()),
	}
}

func (e *env) strigaOptions(c strigaConfig) []travelrule.Option {
	if c.real() {
		e.strigaUser, e.strigaAddress, e.strigaInvoice = c.UserID, c.Address, c.Invoice
		e.secrets = append(e.secrets, c.APIKey, c.APISecret)
		opts := []travelrule.Option{travelrule.WithCredentials(c.APIKey, c.APISecret), travelrule.WithEnvironment(travelrule.Sandbox)}
		if c.URL != "" {
			opts = append(opts, travelrule.WithBaseURL(c.URL))
		}
		return opts
	}
	key, secret := "qs-striga-key-"+randomHex(8), "qs-striga-secret-"+randomHex(16)
	e.secrets = append(e.secrets, key, secret)
	srv := travelruletest.NewServer(nil, travelruletest.WithCredentials(key, secret))
	e.closers = append(e.closers, srv.Close)
	e.fakes = append(e.fakes, "Striga")
	e.strigaUser, e.strigaAddress, e.strigaInvoice = fakeStrigaUser, fakeStrigaAddress, fakeStrigaInvoice
	return srv.ClientOptions()
}
