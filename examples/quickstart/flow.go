package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/ivms"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/travelrule"
)

// withdrawal sends 0.5 of the configured asset to a customer of another
// VASP: find the VASP, route the address, verify the beneficiary before
// sending, decide, screen the transaction with KYT, and tell GTR the txid.
func withdrawal(ctx context.Context, e *env, r *report) error {
	w := e.withdrawal
	r.section("withdrawal", fmt.Sprintf("Withdrawal: 0.5 %s to a customer of VASP %s (pre-transaction Travel Rule)", w.Ticker, w.VASP))

	// 1. Discovery: is the counterparty on GTR, and what does it verify?
	brands, err := e.gtr.ListVASPs(ctx)
	if err != nil {
		return r.fail("VASP discovery", "GTR", err)
	}
	detail, err := e.gtr.VASPDetail(ctx, w.VASP)
	if err != nil {
		return r.fail("VASP discovery", "GTR", err)
	}
	r.step("VASP discovery", "GTR", true, "listed", fmt.Sprintf("%d VASP brands on the network; %s verifies %d fields, PII key %s",
		len(brands), detail.VASPCode, len(detail.SupportedFields), algorithmName(detail)))

	// 2. Address routing: the entity of the brand that holds the address.
	route, err := e.gtr.DetectAddressVASP(ctx, &gtr.AddressDetectionRequest{VASPCode: w.VASP, Address: w.Address, Network: w.Network})
	if err != nil {
		return r.fail("Address routing", "GTR", err)
	}
	target := route.VASPCode
	routed := "address routed to " + target
	if route.Changed {
		routed = fmt.Sprintf("address belongs to %s, not %s: routed there", target, w.VASP)
	}
	r.step("Address routing", "GTR", true, "to "+target, routed)

	// 3. One-step verify before sending: our customer's IVMS101 data is
	// sealed to the counterparty's key; it checks the beneficiary we name.
	identity, err := ivms.NewPayload().
		Originator(customer, "our-account-7731").
		Beneficiary(withdrawalBeneficiary, w.Address).
		OriginatingVASP(ourVASP).
		Build()
	if err != nil {
		return r.fail("One-step verify (pre)", "GTR", err)
	}
	requestID, err := gtr.NewRequestID("qs-wd")
	if err != nil {
		return err
	}
	res, err := e.gtr.OneStep(ctx, &gtr.OneStepRequest{
		RequestID:      requestID,
		Direction:      gtr.PreTransaction,
		Network:        w.Network,
		Ticker:         w.Ticker,
		Address:        w.Address,
		TargetVASPCode: target,
		Amount:         "0.5",
		FiatName:       "USD",
		FiatPrice:      "1500",
		ExpectFields:   []gtr.FieldID{gtr.BeneficiaryNatural.Name(), gtr.BeneficiaryNatural.DateOfBirth()},
		Identity:       identity,
	})
	if err != nil {
		return r.fail("One-step verify (pre)", "GTR", err)
	}
	r.step("One-step verify (pre)", "GTR", res.Status == gtr.StatusSuccess, res.Status.String(), verdict(res))

	// 4. The decision GTR recommends from the verify fields.
	decision := res.Decide()
	r.step("Decision", "vaspkit", decision.Proceed(), decision.Action.String(), decision.Action.String()+": "+decision.Reason)
	if !decision.Proceed() {
		return nil // a real service would stop (or wait for a pending verdict) here
	}

	// 5. Screen the withdrawal with Sumsub KYT before broadcasting it.
	txnID := monitoring.TxnID("qs-wd-" + randomHex(6))
	txn, err := monitoring.NewCryptoWithdrawal(txnID, "0.5", w.Ticker).
		Chain(w.Network).
		Applicant(monitoring.NewPerson(customerID, "Amelie Okafor")).
		CounterpartyWallet(w.Address).
		CounterpartyVASP(target, detail.EntityName).
		Build()
	if err != nil {
		return r.fail("KYT submit", "Sumsub", err)
	}
	kyt, err := e.monitoring.Submit(ctx, txn, monitoring.WithLevelName(e.levelName))
	if err != nil {
		return r.fail("KYT submit", "Sumsub", err)
	}
	r.step("KYT submit", "Sumsub", kyt.Answer() == monitoring.Green, kytShort(kyt), kytVerdict(kyt))
	if kyt.Answer() != monitoring.Green {
		return nil
	}

	// 6. Broadcast (simulated here), then tell GTR and Sumsub the txid.
	txid := "0x" + randomHex(32)
	if err := e.gtr.NotifyTxID(ctx, &gtr.TxIDNotification{RequestID: requestID, TxID: txid}); err != nil {
		return r.fail("Notify txid", "GTR", err)
	}
	if _, err := e.monitoring.PatchChainTxID(ctx, kyt.ID, txid); err != nil {
		return r.fail("Notify txid", "Sumsub", err)
	}
	r.step("Notify txid", "GTR+Sumsub", true, "recorded", "txid recorded with the travel rule and the KYT transaction")
	return nil
}

// deposit receives 0.25 from another VASP's customer, then opens Striga
// widget sessions for deposits from self-hosted wallets.
func deposit(ctx context.Context, e *env, r *report) error {
	d := e.deposit
	r.section("deposit", fmt.Sprintf("Deposit: 0.25 %s from a customer of VASP %s (post-transaction Travel Rule)", d.Ticker, d.VASP))

	// 1. One-step verify after receiving: the sender's VASP confirms it
	// sent the txid and checks the originator name we hold.
	identity, err := ivms.NewPayload().
		Originator(depositSender).
		Beneficiary(customer, d.Address).
		BeneficiaryVASP(ourVASP).
		Build()
	if err != nil {
		return r.fail("One-step verify (post)", "GTR", err)
	}
	requestID, err := gtr.NewRequestID("qs-dp")
	if err != nil {
		return err
	}
	res, err := e.gtr.OneStep(ctx, &gtr.OneStepRequest{
		RequestID:      requestID,
		Direction:      gtr.PostTransaction,
		Network:        d.Network,
		Ticker:         d.Ticker,
		Address:        d.Address,
		TxID:           d.TxID,
		TargetVASPCode: d.VASP,
		Amount:         "0.25",
		FiatName:       "USD",
		FiatPrice:      "750",
		ExpectFields:   []gtr.FieldID{gtr.OriginatorNatural.Name()},
		Identity:       identity,
	})
	if err != nil {
		return r.fail("One-step verify (post)", "GTR", err)
	}
	decision := res.Decide()
	r.step("One-step verify (post)", "GTR", decision.Proceed(), res.Status.String()+", "+decision.Action.String(), verdict(res)+"; "+decision.Action.String())

	// 2. Screen the deposit with KYT.
	txn, err := monitoring.NewCryptoDeposit(monitoring.TxnID("qs-dp-"+randomHex(6)), "0.25", d.Ticker).
		Chain(d.Network).
		ChainTxID(d.TxID).
		Applicant(monitoring.NewPerson(customerID, "Amelie Okafor")).
		CounterpartyWallet(d.From).
		CounterpartyVASP(d.VASP, "").
		Build()
	if err != nil {
		return r.fail("KYT submit", "Sumsub", err)
	}
	kyt, err := e.monitoring.Submit(ctx, txn, monitoring.WithLevelName(e.levelName))
	if err != nil {
		return r.fail("KYT submit", "Sumsub", err)
	}
	r.step("KYT submit", "Sumsub", kyt.Answer() == monitoring.Green, kytShort(kyt), kytVerdict(kyt))

	// 3. Deposits from self-hosted wallets: Striga holds them until the
	// customer tells, in Striga's widget, whose wallet it is.
	r.section("self-hosted", "Deposits from self-hosted wallets (Striga widget sessions)")
	onchain, err := e.striga.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{
		UserID: e.strigaUser, Currency: "ETH", Network: "ETH", CounterpartyAddress: e.strigaAddress,
	})
	if err != nil {
		return r.fail("Widget session (on-chain)", "Striga", err)
	}
	r.step("Widget session (on-chain)", "Striga", true, sessionShort(onchain), sessionVerdict(onchain))

	// The client checks the invoice with bolt11.CheckInvoice (plugged in
	// with travelrule.WithInvoiceCheck, see setup.go) before sending it, and
	// reports its payment hash.
	ln, err := e.striga.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{
		UserID: e.strigaUser, Currency: "BTC", Network: "BTC", Invoice: e.strigaInvoice,
	})
	if err != nil {
		return r.fail("Widget session (Lightning)", "Striga", err)
	}
	hash := ln.PaymentHash
	if len(hash) > 12 {
		hash = hash[:12]
	}
	r.step("Widget session (Lightning)", "Striga", true, sessionShort(ln),
		fmt.Sprintf("%s; %s invoice checked by bolt11, payment hash %s…", sessionVerdict(ln), e.striga.InvoiceNetwork(), hash))
	return nil
}

func verdict(res *gtr.OneStepResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s at %s", res.Status, res.Stage)
	for i, f := range res.Fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %s", f.ID, f.Status)
	}
	return b.String()
}

func kytVerdict(res *monitoring.Result) string {
	answer := string(res.Answer())
	if answer == "" {
		answer = "no answer yet"
	}
	s := fmt.Sprintf("review %s (%s), score %s", answer, res.Status(), res.Score)
	if res.Replayed {
		s += ", recovered after a retry"
	}
	return s
}

func kytShort(res *monitoring.Result) string {
	if res.Answer() == "" {
		return string(res.Status())
	}
	return string(res.Answer())
}

func sessionShort(s *travelrule.WidgetSession) string {
	if s.Reused {
		return "reused"
	}
	return "created"
}

func sessionVerdict(s *travelrule.WidgetSession) string {
	v := "session created"
	if s.Reused {
		v = "unexpired session reused"
	}
	if !s.ExpiresAt.IsZero() {
		v += ", expires " + s.ExpiresAt.UTC().Format("2006-01-02 15:04 MST")
	}
	return v
}

func algorithmName(d *gtr.VASPDetail) string {
	if d.Algorithm == "" {
		return "not published"
	}
	return string(d.Algorithm)
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(errors.New("crypto/rand failed")) // never happens on supported platforms
	}
	return hex.EncodeToString(b)
}
