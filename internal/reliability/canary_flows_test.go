package reliability

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/internal/testnet"
	"github.com/vaspkit/vaspkit/ivms"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/travelrule"
)

// canaryWithdrawal is the quickstart's withdrawal: discovery, address
// routing, a pre-transaction one_step, the decision, a KYT submit, and the
// txid to GTR and Sumsub.
func canaryWithdrawal(ctx context.Context, t *testing.T, e *canaryEnv) {
	p, w := e.probe, e.who
	brands, err := e.gtrC.ListVASPs(ctx)
	p.value("gtr.ListVASPs", brands)
	mustOK(t, "ListVASPs", err)
	detail, err := e.gtrC.VASPDetail(ctx, "BENE")
	p.value("gtr.VASPDetail", detail)
	mustOK(t, "VASPDetail", err)
	route, err := e.gtrC.DetectAddressVASP(ctx, &gtr.AddressDetectionRequest{VASPCode: "BENE", Address: w.beneAddress, Network: "ETH"})
	p.value("gtr.DetectAddressVASP", route)
	mustOK(t, "DetectAddressVASP", err)
	if err != nil {
		return
	}

	identity, err := ivms.NewPayload().Originator(w.customer, w.account).Beneficiary(w.beneficiary, w.beneAddress).
		OriginatingVASP(ours).Build()
	mustOK(t, "identity", err)
	requestID := e.requestID("canary-wd")
	res, err := e.gtrC.OneStep(ctx, &gtr.OneStepRequest{
		RequestID: requestID, Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH", Address: w.beneAddress,
		TargetVASPCode: route.VASPCode, Amount: "0.5", FiatName: "USD", FiatPrice: "1500",
		ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name(), gtr.BeneficiaryNatural.DateOfBirth()}, Identity: identity,
	})
	p.value("gtr.OneStepResult", res)
	mustOK(t, "OneStep", err)
	if err != nil {
		return
	}
	decision := res.Decide()
	p.value("gtr.Decision", decision)
	if !decision.Proceed() {
		t.Errorf("decision %v: want proceed (the canary beneficiary is the one BENE holds)", decision.Action)
	}

	txn, err := monitoring.NewCryptoWithdrawal(monitoring.TxnID(e.cn.addID("monitoring txnId", "canary-wd-"+randomHex(t, 4))), "0.5", "ETH").Chain("ETH").
		Applicant(monitoring.NewPerson(w.userPrefix+"wd", w.fullName)).
		CounterpartyWallet(w.beneAddress).CounterpartyVASP(route.VASPCode, detail.EntityName).Build()
	mustOK(t, "Build", err)
	p.value("monitoring.Transaction built", txn != nil)
	kyt, err := e.monC.Submit(ctx, txn, monitoring.WithLevelName("basic-kyc-level"))
	p.value("monitoring.Result", kyt)
	mustOK(t, "Submit", err)

	txid := e.cn.addID("withdrawal txid", "0x"+randomHex(t, 32))
	err = e.gtrC.NotifyTxID(ctx, &gtr.TxIDNotification{RequestID: requestID, TxID: txid})
	p.err("gtr.NotifyTxID", err)
	mustOK(t, "NotifyTxID", err)
	if kyt != nil {
		patched, err := e.monC.PatchChainTxID(ctx, kyt.ID, txid)
		p.value("monitoring.PatchChainTxID", patched)
		mustOK(t, "PatchChainTxID", err)
	}
	q, err := e.gtrC.Query(ctx, requestID)
	p.value("gtr.QueryResult", q)
	mustOK(t, "Query", err)
}

// canaryDeposit is the quickstart's deposit: a post-transaction one_step,
// a KYT submit, and Striga widget sessions on chain and on Lightning.
func canaryDeposit(ctx context.Context, t *testing.T, e *canaryEnv) {
	p, w := e.probe, e.who
	identity, err := ivms.NewPayload().Originator(w.sender).Beneficiary(w.customer, w.ourAddress).BeneficiaryVASP(ours).Build()
	mustOK(t, "identity", err)
	requestID := e.requestID("canary-dp")
	res, err := e.gtrC.OneStep(ctx, &gtr.OneStepRequest{
		RequestID: requestID, Direction: gtr.PostTransaction, Network: "ETH", Ticker: "ETH", Address: w.ourAddress,
		TxID: w.depositTxID, TargetVASPCode: "ORIG", Amount: "0.25", FiatName: "USD", FiatPrice: "750",
		ExpectFields: []gtr.FieldID{gtr.OriginatorNatural.Name()}, Identity: identity,
	})
	p.value("gtr.OneStepResult post", res)
	mustOK(t, "OneStep post", err)
	if res != nil {
		p.value("gtr.Decision post", res.Decide())
		p.value("gtr.OneStepResult.Fields", res.Fields)
		p.err("gtr.OneStepResult.IdentityErr", res.IdentityErr)
	}

	from := e.cn.add("deposit sender address", "0x"+randomHex(t, 20))
	txn, err := monitoring.NewCryptoDeposit(monitoring.TxnID(e.cn.addID("monitoring txnId", "canary-dp-"+randomHex(t, 4))), "0.25", "ETH").Chain("ETH").ChainTxID(w.depositTxID).
		Applicant(monitoring.NewPerson(w.userPrefix+"dp", w.fullName)).CounterpartyWallet(from).CounterpartyVASP("ORIG", "").Build()
	mustOK(t, "Build", err)
	kyt, err := e.monC.Submit(ctx, txn, monitoring.WithLevelName("basic-kyc-level"))
	p.value("monitoring.Result deposit", kyt)
	mustOK(t, "Submit deposit", err)

	onchain, err := e.trC.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{
		UserID: w.strigaUser, Currency: "ETH", Network: "ETH", CounterpartyAddress: e.addresses(),
	})
	mustOK(t, "CreateWidgetSession on chain", err)
	ln, err := e.trC.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{
		UserID: w.strigaUser, Currency: "BTC", Network: "BTC", Invoice: e.cn.add("Lightning invoice", lightningInvoice),
	})
	mustOK(t, "CreateWidgetSession Lightning", err)
	for name, s := range map[string]*travelrule.WidgetSession{"on chain": onchain, "Lightning": ln} {
		if s == nil {
			continue
		}
		// The URL and token open the widget: secrets of the session.
		e.cn.add("widget session token", s.Token)
		e.cn.add("widget session URL", s.URL)
		p.value("travelrule.WidgetSession "+name, s)
		p.value("travelrule.WidgetSession value "+name, *s)
		p.value("travelrule.WidgetSession.Warnings "+name, s.Warnings)
	}
}

// canaryFaults makes the same calls under faults, for the errors and
// recovered results they give.
func canaryFaults(ctx context.Context, t *testing.T, e *canaryEnv) {
	var wg sync.WaitGroup
	run := func(r *rig, c *caller, f fault, id string) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cp := onlyFirst(f)
			a := c.call(withPlan(ctx, cp), id)
			cp.finish()
			where := r.name + " under " + f.String()
			e.probe.err(where, a.err)
			if a.err == nil && a.class != classSuccess && a.class != classReplay {
				t.Errorf("%s: no error and no result", where)
			}
		}()
	}
	gtrFaults := []fault{faultResetAfterStore, faultResetBeforeStore, fault5xxBefore, fault429, faultTruncated, faultMalformed,
		faultTLSUntrusted, faultRedirectOther307, faultRedirectHTTP308, faultEmpty204After, faultEmpty200Before}
	for i, f := range gtrFaults {
		run(e.gtr, e.gtrCall, f, e.requestID("canary-f"+string(rune('a'+i))))
	}
	// (The matrix probes every fault's errors for canaries too, oversized
	// bodies among them.)
	for i, f := range []fault{faultResetAfterStore, faultMalformed, faultRedirectSame307, faultEmpty202After, faultEmpty204Before} {
		id := e.cn.addID("monitoring txnId", fmt.Sprintf("canary-mon-fault-%c-%s", 'a'+i, randomHex(t, 4)))
		if i == 0 {
			e.monDupID = id
		}
		run(e.mon, e.monCall, f, id)
	}
	for _, f := range []fault{faultMalformed, faultResetAfterStore, faultRedirectOther308, faultEmpty200After, faultEmpty204Before} {
		run(e.tr, e.trCall, f, e.addresses())
	}
	wg.Wait()
	// The caller's deadline ends a call whose answer is slow: it passes
	// once the proxy holds the answer.
	for _, rc := range []struct {
		r  *rig
		c  *caller
		id string
	}{{e.mon, e.monCall, e.cn.addID("monitoring txnId", "canary-mon-slow-"+randomHex(t, 4))}, {e.tr, e.trCall, e.addresses()}} {
		cp := onlyFirst(faultSlowAfter)
		cp.callDeadline = testnet.NewExpiringContext(ctx)
		a := rc.c.call(withPlan(cp.callDeadline, cp), rc.id)
		cp.finish()
		cp.callDeadline.Release()
		e.probe.err(rc.r.name+" past the call's deadline", a.err)
	}
}

// canaryRefusals are the failure paths: invalid input holding canaries,
// wrong credentials, unknown ids, duplicates.
func canaryRefusals(ctx context.Context, t *testing.T, e *canaryEnv) {
	p, w := e.probe, e.who
	bad := e.cn.add("invalid amount", "12,5-canary-"+randomHex(t, 4))
	identity, _ := ivms.NewPayload().Originator(w.customer, w.account).Beneficiary(w.beneficiary, w.beneAddress).Build()
	_, err := e.gtrC.OneStep(ctx, &gtr.OneStepRequest{
		RequestID: e.cn.addID("invalid requestId", "bad id with spaces "+randomHex(t, 4)), Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH",
		Address: w.beneAddress, TargetVASPCode: "BENE", Amount: bad, FiatPrice: bad, Identity: identity,
	})
	expectErr(t, p, "gtr.OneStep invalid", err)
	_, err = e.gtrC.Query(ctx, e.requestID("canary-unknown"))
	expectErr(t, p, "gtr.Query unknown", err)
	_, err = e.gtrC.VASPDetail(ctx, "NO_SUCH_VASP")
	expectErr(t, p, "gtr.VASPDetail unknown", err)
	code, _, _ := e.gtr.gtr.Credentials()
	wrong, err := e.gtr.newCaller(gtr.WithLogin(code, e.cn.add("wrong GTR access key", "canary-access-"+randomHex(t, 8)),
		e.cn.add("wrong GTR secret", "canary-wrong-secret-"+randomHex(t, 8))))
	mustOK(t, "gtr.New", err)
	if err == nil {
		_, err = wrong.client.(*gtr.Client).ListVASPs(ctx)
		expectErr(t, p, "gtr login refused", err)
	}

	_, err = monitoring.NewCryptoWithdrawal(monitoring.TxnID(e.cn.addID("monitoring txnId", "canary-bad-"+randomHex(t, 4))), bad, "ETH").Chain("ETH").
		Applicant(monitoring.NewPerson(w.userPrefix+"bad", w.fullName)).Build()
	expectErr(t, p, "monitoring.Build invalid amount", err)
	noName, _ := monitoring.NewCryptoWithdrawal(monitoring.TxnID(e.cn.addID("monitoring txnId", "canary-noname-"+randomHex(t, 4))), "1", "ETH").Chain("ETH").
		Applicant(monitoring.NewPerson(w.userPrefix+"noname", "")).CounterpartyWallet(w.beneAddress).Build()
	if noName != nil {
		_, err = e.monC.Submit(ctx, noName)
		expectErr(t, p, "monitoring.Submit invalid", err)
	}
	dup, _ := monitoring.NewCryptoWithdrawal(monitoring.TxnID(e.monDupID), "99", "ETH").Chain("ETH").
		Applicant(monitoring.NewPerson(w.userPrefix+"dup", w.fullName)).CounterpartyWallet(w.beneAddress).Build()
	_, err = e.monC.Submit(ctx, dup, monitoring.WithLevelName("basic-kyc-level"))
	expectErr(t, p, "monitoring.Submit duplicate", err)
	wrongMon, err := e.mon.newCaller(monitoring.WithAppToken(e.monToken, e.cn.add("wrong Sumsub secret", "canary-wrong-sumsub-"+randomHex(t, 8))))
	mustOK(t, "monitoring.New", err)
	if err == nil {
		_, err = wrongMon.client.(*monitoring.Client).GetByTxnID(ctx, monitoring.TxnID(e.cn.addID("monitoring txnId", "canary-sig-"+randomHex(t, 4))))
		expectErr(t, p, "monitoring signature refused", err)
	}
	_, err = e.monC.GetByTxnID(ctx, monitoring.TxnID(e.cn.addID("monitoring txnId", "canary-unknown-txn-"+randomHex(t, 4))))
	expectErr(t, p, "monitoring.GetByTxnID unknown", err)

	_, err = e.trC.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{UserID: w.strigaUser, Currency: "ETH", Network: "ETH",
		CounterpartyAddress: e.cn.add("address with a space", "0xcanary "+randomHex(t, 8))})
	expectErr(t, p, "travelrule invalid address", err)
	_, err = e.trC.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{UserID: w.strigaUser, Currency: "BTC", Network: "BTC",
		Invoice: e.cn.add("broken invoice", "lntb1canary"+randomHex(t, 8))})
	expectErr(t, p, "travelrule invalid invoice", err)
	wrongTR, err := e.tr.newCaller(travelrule.WithCredentials(e.trKey, e.cn.add("wrong Striga secret", "canary-wrong-striga-"+randomHex(t, 8))))
	mustOK(t, "travelrule.New", err)
	if err == nil {
		a := wrongTR.call(ctx, e.addresses())
		expectErr(t, p, "travelrule signature refused", a.err)
	}
}

// canaryCallbacks runs travel rules a counterparty starts towards us
// through a logging CallbackHandler: callbacks carry the counterparty's
// customer's data.
func canaryCallbacks(ctx context.Context, t *testing.T, e *canaryEnv) {
	p, w, srv := e.probe, e.who, e.gtr.gtr
	handler, err := gtr.NewCallbackHandler(
		gtr.WithCallbackKeyPair(e.gtr.gtrKey),
		gtr.WithCallbackLogger(p.logger),
		gtr.OnAddressCheck(func(_ context.Context, c *gtr.AddressCheck) (gtr.CheckAnswer, error) {
			if c.Address == w.ourAddress {
				return gtr.CheckAnswer{Result: gtr.CheckFound}, nil
			}
			return gtr.CheckAnswer{Result: gtr.CheckNotFound}, nil
		}),
		gtr.OnPIIVerify(func(_ context.Context, v *gtr.PIIVerification) (gtr.PIIVerifyAnswer, error) {
			p.value("gtr.PIIVerification header", v.CallbackHeader)
			back := *v.Identity
			return gtr.PIIVerifyAnswer{Fields: v.Verify([]ivms.Person{w.customer}, nil), Identity: &back}, nil
		}),
		gtr.OnCallbackError(func(_ context.Context, _ gtr.Callback, err error) { p.err("gtr callback error", err) }),
	)
	mustOK(t, "NewCallbackHandler", err)
	if err != nil {
		return
	}
	p.value("gtr.CallbackHandler", handler)
	if _, err := srv.NewCallbackServer(handler); err != nil {
		t.Fatal(err)
	}
	sent, _ := ivms.NewPayload().Originator(w.sender).Beneficiary(w.customer, w.ourAddress).Build()
	out, err := srv.SendTravelRule(ctx, gtrtest.TravelRule{From: "ORIG", Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH",
		Address: w.ourAddress, ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name()}, Identity: sent})
	mustOK(t, "SendTravelRule", err)
	if out != nil {
		e.cn.addID("gtr requestId of a callback", out.RequestID)
		p.value("gtrtest.Outcome fields", out.Fields)
	}
	// A callback that cannot be opened, and one for an address we lack.
	_, err = srv.Deliver(ctx, 4 /* PII verification */, e.requestID("canary-bad-callback"), map[string]any{
		"piiSecuredInfo": map[string]any{"securedPayload": e.cn.add("garbage payload", "canaryGarbagePayload"+randomHex(t, 8))}})
	p.err("gtrtest.Deliver garbage", err)
	_, err = srv.SendTravelRule(ctx, gtrtest.TravelRule{From: "ORIG", Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH",
		Address: e.addresses(), Identity: sent})
	p.err("gtrtest.SendTravelRule unknown address", err)
}

// canaryPrinted prints the clients, the test clients the fakes hand out,
// the fakes and the key pair.
func canaryPrinted(_ context.Context, _ *testing.T, e *canaryEnv) {
	p := e.probe
	p.value("gtr.Client", e.gtrC)
	p.value("monitoring.Client", e.monC)
	p.value("travelrule.Client", e.trC)
	p.value("gtr.KeyPair", e.gtr.gtrKey)
	p.value("gtr.KeyPair value", *e.gtr.gtrKey)
	p.value("gtrtest.Server", e.gtr.gtr)
	p.value("monitoringtest.Server", e.mon.mon)
	p.value("travelruletest.Server", e.tr.tr)
	if c, err := e.mon.mon.NewClient(); err == nil {
		p.value("monitoringtest.Server.NewClient", c)
	}
	if c, err := e.tr.tr.NewClient(); err == nil {
		p.value("travelruletest.Server.NewClient", c)
	}
	if c, err := e.gtr.gtr.NewClient(); err == nil {
		p.value("gtrtest.Server.NewClient", c)
	}
	code, access, secret := e.gtr.gtr.Credentials()
	if c, err := gtr.New(gtr.WithBaseURL(e.gtr.gtr.URL), gtr.WithAppToken(code, access, secret),
		gtr.WithClientCertificate(e.gtr.gtr.ClientCertificate()), gtr.WithRootCAs(e.gtr.gtr.RootCAs())); err == nil {
		p.value("gtr.Client with app token", c)
	}
	p.value("gtrtest.Server.HTTPClient", e.gtr.gtr.HTTPClient())
	p.value("http.Client of the GTR rig", e.gtr.hc)
}

func mustOK(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Errorf("%s: %v", what, err)
	}
}

func expectErr(t *testing.T, p *probe, where string, err error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", where)
		return
	}
	p.err(where, err)
}
