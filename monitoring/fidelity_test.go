package monitoring_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// This file sends every documented Sumsub request example of
// testdata/examples through every path of the client that accepts it and
// checks that what reached the server is the example.
//
// What "the example" means on the wire: the bytes the fake received and
// the documented body are compared after both are put in canonical form —
// object members sorted by name, insignificant whitespace dropped — with
// every scalar token (string, number, true, false, null) kept exactly as
// written. So a number keeps its digits, a number sent as a string stays
// a string (spaces included), an explicit "" or false stays, and no key
// appears or disappears. Member order and whitespace are not compared:
// JSON objects are unordered, and the client encodes the transaction it
// was given, not the text it was decoded from. The client adds nothing to
// a body; Import frames each record as one line. A builder adds what its
// constructor means: the type (finance, where Sumsub's example relies on
// that default) and the currency type of the crypto, fiat and Travel Rule
// constructors.

// canonical returns b's canonical form (see above).
func canonical(t testing.TB, b []byte) string {
	t.Helper()
	var out bytes.Buffer
	if err := canon(&out, b); err != nil {
		t.Fatalf("canonical %s: %v", b, err)
	}
	return out.String()
}

func canon(out *bytes.Buffer, b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) > 0 && b[0] == '{':
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			return err
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		out.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				out.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			out.Write(kb)
			out.WriteByte(':')
			if err := canon(out, m[k]); err != nil {
				return err
			}
		}
		out.WriteByte('}')
	case len(b) > 0 && b[0] == '[':
		var a []json.RawMessage
		if err := json.Unmarshal(b, &a); err != nil {
			return err
		}
		out.WriteByte('[')
		for i, v := range a {
			if i > 0 {
				out.WriteByte(',')
			}
			if err := canon(out, v); err != nil {
				return err
			}
		}
		out.WriteByte(']')
	default:
		if !json.Valid(b) {
			return errors.New("not JSON")
		}
		out.Write(b)
	}
	return nil
}

// documented is a documented request example.
type documented struct {
	name string
	body []byte
}

func documentedExamples(t *testing.T) []documented {
	t.Helper()
	files, err := filepath.Glob("testdata/examples/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var out []documented
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "result_") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, documented{name: filepath.Base(f), body: b})
	}
	if len(out) != 13 {
		t.Fatalf("%d request examples, want 13", len(out))
	}
	return out
}

func decodeTxn(t testing.TB, b []byte) *monitoring.Transaction {
	t.Helper()
	txn := new(monitoring.Transaction)
	if err := json.Unmarshal(b, txn); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return txn
}

// withoutApplicantIDs returns the body without applicant.externalUserId
// and applicant.fullName, re-encoded with its number tokens kept.
func withoutApplicantIDs(t testing.TB, b []byte) []byte {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	if a, ok := m["applicant"].(map[string]any); ok {
		delete(a, "externalUserId")
		delete(a, "fullName")
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// namesApplicant reports whether the transaction names its applicant the
// way a submit without applicant id needs.
func namesApplicant(txn *monitoring.Transaction) bool {
	return txn.Applicant != nil && txn.Applicant.ExternalUserID != "" && txn.Applicant.FullName != ""
}

const knownApplicant = "631f268442d8290001e1eee9" // the docs' applicant id

// sent returns the bodies of the POSTs to path the fake received.
func sent(srv *monitoringtest.Server, path string) [][]byte {
	var out [][]byte
	for _, r := range srv.Requests() {
		if r.Method == "POST" && strings.HasPrefix(r.Path, path) {
			out = append(out, r.Body)
		}
	}
	return out
}

func TestDocumentedExamplesSentUnchanged(t *testing.T) {
	t.Parallel()
	const (
		newPath      = "/resources/applicants/-/kyt/txns/-/data"
		existingPath = "/resources/applicants/" + knownApplicant + "/kyt/txns/-/data"
		importPath   = "/resources/kyt/misc/txns/import"
	)
	type row struct {
		path string
		// run sends the example (or refuses it) and returns the body the
		// example documents for this path; nil: the path refuses it.
		run func(t *testing.T, c *monitoring.Client, ex documented) ([]byte, error)
		// at is where the body goes.
		at string
	}
	rows := []row{
		{path: "Validate", run: func(t *testing.T, _ *monitoring.Client, ex documented) ([]byte, error) {
			return nil, decodeTxn(t, ex.body).Validate()
		}},
		{path: "Submit", at: newPath, run: func(t *testing.T, c *monitoring.Client, ex documented) ([]byte, error) {
			txn := decodeTxn(t, ex.body)
			_, err := c.Submit(context.Background(), txn)
			if !namesApplicant(txn) {
				// Sumsub's documented 400: refused before sending.
				var ve *monitoring.ValidationError
				if !errors.As(err, &ve) {
					t.Errorf("Submit of an example without applicant ids: err = %v, want a *ValidationError", err)
				}
				return nil, nil
			}
			return ex.body, err
		}},
		{path: "SubmitForApplicant", at: existingPath, run: func(t *testing.T, c *monitoring.Client, ex documented) ([]byte, error) {
			_, err := c.SubmitForApplicant(context.Background(), knownApplicant, decodeTxn(t, ex.body))
			return ex.body, err
		}},
		{path: "SubmitForApplicant without applicant ids", at: existingPath, run: func(t *testing.T, c *monitoring.Client, ex documented) ([]byte, error) {
			body := withoutApplicantIDs(t, ex.body)
			_, err := c.SubmitForApplicant(context.Background(), knownApplicant, decodeTxn(t, body))
			return body, err
		}},
		{path: "Import with applicantId", at: importPath, run: func(t *testing.T, c *monitoring.Client, ex documented) ([]byte, error) {
			rec := monitoring.ImportRecord{ApplicantID: knownApplicant, Data: decodeTxn(t, ex.body)}
			_, err := c.Import(context.Background(), []monitoring.ImportRecord{rec}, monitoring.ImportOptions{})
			return []byte(`{"applicantId":"` + knownApplicant + `","data":` + string(ex.body) + `}`), err
		}},
		{path: "Import without applicantId", at: importPath, run: func(t *testing.T, c *monitoring.Client, ex documented) ([]byte, error) {
			txn := decodeTxn(t, ex.body)
			_, err := c.Import(context.Background(), []monitoring.ImportRecord{{Data: txn}}, monitoring.ImportOptions{})
			if !namesApplicant(txn) {
				var ve *monitoring.ValidationError
				if !errors.As(err, &ve) {
					t.Errorf("Import without applicantId or applicant ids: err = %v, want a *ValidationError", err)
				}
				return nil, nil
			}
			return []byte(`{"data":` + string(ex.body) + `}`), err
		}},
	}
	for _, ex := range documentedExamples(t) {
		for _, r := range rows {
			t.Run(ex.name+"/"+r.path, func(t *testing.T) {
				t.Parallel()
				srv := monitoringtest.NewServer(t, monitoringtest.WithApplicant(knownApplicant, "uniqueRemitterId"))
				c, err := srv.NewClient()
				if err != nil {
					t.Fatal(err)
				}
				want, err := r.run(t, c, ex)
				if err != nil {
					t.Fatalf("%s refused a documented example: %v", r.path, err)
				}
				got := sent(srv, r.at)
				switch {
				case r.at == "" || want == nil:
					if n := srv.Stats().Requests; n != 0 {
						t.Errorf("%d requests sent, want none", n)
					}
				case len(got) != 1:
					t.Fatalf("%d bodies sent to %s, want 1", len(got), r.at)
				default:
					body := got[0]
					if r.at == importPath {
						body = bytes.TrimSuffix(body, []byte("\n"))
						if bytes.Contains(body, []byte("\n")) {
							t.Errorf("one record took more than one line: %s", body)
						}
					}
					if diff := cmp.Diff(canonical(t, want), canonical(t, body)); diff != "" {
						t.Errorf("sent body differs from the documented one (-want +got):\n%s", diff)
					}
					if st := srv.Stats(); st.Stored != 1 {
						t.Errorf("the fake stored %d, want 1", st.Stored)
					}
				}
			})
		}
	}
}

// The documented bulk import file goes through Import line for line.
func TestDocumentedBulkImportSentUnchanged(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/examples/bulk_import.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	var (
		lines   [][]byte
		records []monitoring.ImportRecord
	)
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec monitoring.ImportRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, slices.Clone(sc.Bytes()))
		records = append(records, rec)
	}
	srv := monitoringtest.NewServer(t, monitoringtest.WithApplicant("65a906b659df1414adf1107b", ""))
	c, _ := srv.NewClient()
	res, err := c.Import(context.Background(), records, monitoring.ImportOptions{})
	if err != nil {
		t.Fatalf("Import refused the documented file: %v", err)
	}
	if res.Created != 2 {
		t.Errorf("created %d, want 2", res.Created)
	}
	got := sent(srv, "/resources/kyt/misc/txns/import")
	if len(got) != 1 {
		t.Fatalf("%d imports sent, want 1", len(got))
	}
	gotLines := bytes.Split(bytes.TrimSuffix(got[0], []byte("\n")), []byte("\n"))
	if len(gotLines) != len(lines) {
		t.Fatalf("%d lines sent, want %d", len(gotLines), len(lines))
	}
	for i := range lines {
		if diff := cmp.Diff(canonical(t, lines[i]), canonical(t, gotLines[i])); diff != "" {
			t.Errorf("line %d (-want +got):\n%s", i+1, diff)
		}
	}
}

// builderGaps are the example keys no Builder setter expresses: the
// example is rebuilt without them. gambling_bet_sports sends gameType as
// "" (a Builder leaves an empty gameType out); gambling_bonus_change
// sends cryptoParams with attemptId and a quoted outputIndex on the bonus.
var builderGaps = map[string][]string{
	"gambling_bet_sports.json":   {"gamblingBetInfo.gameType"},
	"gambling_bonus_change.json": {"gamblingBonusChangeInfo.cryptoParams"},
}

// rebuild builds ex's transaction with its type's constructor and the
// setters, and returns the keys the constructor adds that ex lacks.
func rebuild(t *testing.T, ex *monitoring.Transaction) (*monitoring.Builder, []string) {
	t.Helper()
	var (
		b     *monitoring.Builder
		added []string
		id    = ex.TxnID
	)
	if ex.Type == "" {
		added = append(added, "type")
	}
	switch ex.Type {
	case "", monitoring.TypeFinance, monitoring.TypeTravelRule:
		in := ex.Info
		amount := in.Amount.String()
		switch {
		case ex.Type == monitoring.TypeTravelRule:
			b = monitoring.NewTravelRule(id, in.Direction, amount, in.CurrencyCode)
		case in.CurrencyType == monitoring.Crypto && in.Direction == monitoring.Out:
			b = monitoring.NewCryptoWithdrawal(id, amount, in.CurrencyCode)
		case in.CurrencyType == monitoring.Crypto && in.Direction == monitoring.In:
			b = monitoring.NewCryptoDeposit(id, amount, in.CurrencyCode)
		case in.CurrencyType == monitoring.Fiat:
			b = monitoring.NewFiatPayment(id, in.Direction, amount, in.CurrencyCode)
		default:
			b = monitoring.NewFinance(id, in.Direction, amount, in.CurrencyCode)
		}
		if ex.Type == monitoring.TypeTravelRule && in.CurrencyType == "" {
			added = append(added, "info.currencyType")
		}
		if in.PaymentTxnID != "" {
			b.ChainTxID(in.PaymentTxnID)
		}
		if in.PaymentDetails != "" {
			b.PaymentDetails(in.PaymentDetails)
		}
		if in.Type != "" {
			b.Category(in.Type)
		}
		if in.CryptoParams != nil && in.CryptoParams.CryptoChain != "" {
			b.Chain(in.CryptoParams.CryptoChain)
		}
		if !in.AmountInDefaultCurrency.IsZero() {
			b.AmountInDefaultCurrency(in.AmountInDefaultCurrency.String(), in.DefaultCurrencyCode)
		}
		if !in.MCC.IsZero() {
			b.MCC(in.MCC.String())
		}
	case monitoring.TypeUserPlatformEvent:
		ev := ex.UserPlatformEventInfo
		b = monitoring.NewPlatformEvent(id, ev.Type)
		if ev.PasswordHash != "" {
			b.PasswordHash(ev.PasswordHash)
		}
	case monitoring.TypeGamblingBet:
		g := ex.GamblingBetInfo
		b = monitoring.NewGamblingBet(id, g.Amount.String(), g.CurrencyCode)
		if g.CurrencyType != "" {
			b.CurrencyType(g.CurrencyType)
		}
		if !g.ResultAmount.IsZero() {
			b.BetResult(g.ResultAmount.String())
		}
		b.Game(g.BetType, g.GameType)
		if g.BonusID != "" {
			b.BonusFunds(g.BonusID)
		}
	case monitoring.TypeGamblingBonusChange:
		g := ex.GamblingBonusChangeInfo
		b = monitoring.NewGamblingBonusChange(id, g.BonusID, g.Status)
		b.BonusAmount(g.Amount.String(), g.CurrencyCode, g.CurrencyType)
		b.BonusTerms(g.MaxBonusAmount.String(), g.MaxBetAmount.String(), g.WagerRequirement.String())
	default:
		t.Fatalf("no constructor for type %q", ex.Type)
	}
	if ex.ZoneID != "" {
		b.ZoneID(ex.ZoneID)
	}
	if ex.SourceKey != "" {
		b.SourceKey(ex.SourceKey)
	}
	if !ex.TxnDate.IsZero() {
		when, err := ex.TxnDate.Time()
		if err != nil {
			t.Fatal(err)
		}
		b.Date(when)
	}
	if ex.Props != nil {
		b.Props(ex.Props)
	}
	return b.Applicant(ex.Applicant).Counterparty(ex.Counterparty), added
}

// deleteKeys removes dotted paths from a canonical JSON object.
func deleteKeys(t *testing.T, b []byte, paths []string) []byte {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		head, rest, nested := strings.Cut(p, ".")
		if !nested {
			delete(m, head)
			continue
		}
		if inner, ok := m[head]; ok {
			m[head] = deleteKeys(t, inner, []string{rest})
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Every documented example is expressible with a Builder, whose Build
// accepts it, and is sent as documented but for what the constructor
// means (see the top of this file) and the gaps listed above.
func TestDocumentedExamplesThroughBuilders(t *testing.T) {
	t.Parallel()
	for _, ex := range documentedExamples(t) {
		t.Run(ex.name, func(t *testing.T) {
			t.Parallel()
			b, added := rebuild(t, decodeTxn(t, ex.body))
			txn, err := b.Build()
			if err != nil {
				t.Fatalf("Build refused the documented example: %v", err)
			}
			srv := monitoringtest.NewServer(t, monitoringtest.WithApplicant(knownApplicant, "uniqueRemitterId"))
			c, _ := srv.NewClient()
			if _, err := c.SubmitForApplicant(context.Background(), knownApplicant, txn); err != nil {
				t.Fatalf("SubmitForApplicant: %v", err)
			}
			got := sent(srv, "/resources/applicants/")
			if len(got) != 1 {
				t.Fatalf("%d bodies sent, want 1", len(got))
			}
			want := deleteKeys(t, ex.body, builderGaps[ex.name])
			body := deleteKeys(t, got[0], added)
			if diff := cmp.Diff(canonical(t, want), canonical(t, body)); diff != "" {
				t.Errorf("sent body differs from the documented one (-want +got):\n%s", diff)
			}
		})
	}
}

// The builder the issue names: a crypto deposit with its chain hash whose
// counterparty's payment method has no accountId, as Sumsub's own example.
func TestCryptoDepositWithoutCounterpartyWallet(t *testing.T) {
	t.Parallel()
	txn, err := monitoring.NewCryptoDeposit("dep-1", "2", "BTC").
		ChainTxID("84bf83c10dfddc9d1f0ea6a1a131c638488fb161e819dae25fd8128c671d2d5a").
		Applicant(&monitoring.Participant{PaymentMethod: &monitoring.PaymentMethod{Type: monitoring.PaymentCrypto, AccountID: "19jUgPvUdSLZyuJyaydcaTcbLYPgFuxoFb"}}).
		Counterparty(&monitoring.Participant{ExternalUserID: "cp-1", FullName: "Jack Posek", PaymentMethod: &monitoring.PaymentMethod{Type: monitoring.PaymentCrypto}}).
		Build()
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	srv := monitoringtest.NewServer(t, monitoringtest.WithApplicant(knownApplicant, "u"))
	c, _ := srv.NewClient()
	if _, err := c.SubmitForApplicant(context.Background(), knownApplicant, txn); err != nil {
		t.Errorf("SubmitForApplicant: %v", err)
	}
}

// The requests Sumsub documents as invalid are refused before anything is
// sent when the client can tell (missing applicant ids, a value of the
// wrong type), and by the server otherwise (an unsupported type or event
// sub-type — client-side too with WithStrictEnums —, a duplicate txnId).
func TestDocumentedInvalidRequests(t *testing.T) {
	t.Parallel()
	valid := func() *monitoring.Transaction {
		return &monitoring.Transaction{TxnID: "bad-1", Type: monitoring.TypeKYC, Applicant: monitoring.NewPerson("u", "A")}
	}
	tests := []struct {
		name     string
		txn      func() *monitoring.Transaction
		strict   bool
		wantPath string // a *ValidationError on this path, nothing sent
		wantMsg  string // else: Sumsub's documented 400 description
	}{
		{name: "no applicant id, no externalUserId", txn: func() *monitoring.Transaction {
			txn := valid()
			txn.Applicant.ExternalUserID = ""
			return txn
		}, wantPath: "applicant.externalUserId"},
		{name: "no applicant id, no fullName", txn: func() *monitoring.Transaction {
			txn := valid()
			txn.Applicant.FullName = ""
			return txn
		}, wantPath: "applicant.fullName"},
		{name: "a value of the wrong type", txn: func() *monitoring.Transaction {
			txn := valid()
			txn.Type, txn.Info = monitoring.TypeFinance, &monitoring.Info{Direction: monitoring.Out, Amount: monitoring.QuotedNumber("lots"), CurrencyCode: "BTC"}
			return txn
		}, wantPath: "info.amount"},
		{name: "a missing required parameter", txn: func() *monitoring.Transaction {
			txn := valid()
			txn.Type = monitoring.TypeTravelRule
			return txn
		}, wantPath: "info"},
		{name: "unsupported type", txn: func() *monitoring.Transaction {
			txn := valid()
			txn.Type = "typo"
			return txn
		}, wantMsg: "type is not valid, must be one of: travelRule, finance, gamblingBet, gamblingLimitChange, gamblingBonusChange, kyc, auditTrailEvent, userPlatformEvent"},
		{name: "unsupported type, strict", strict: true, txn: func() *monitoring.Transaction {
			txn := valid()
			txn.Type = "typo"
			return txn
		}, wantPath: "type"},
		{name: "unsupported event sub-type", txn: func() *monitoring.Transaction {
			txn := valid()
			txn.Type, txn.UserPlatformEventInfo = monitoring.TypeUserPlatformEvent, &monitoring.PlatformEventInfo{Type: "typo"}
			return txn
		}, wantMsg: "userPlatformEventInfo.type typo is not valid, must be one of: login, signup, passwordReset, twoFaReset, general"},
		{name: "unsupported event sub-type, strict", strict: true, txn: func() *monitoring.Transaction {
			txn := valid()
			txn.Type, txn.UserPlatformEventInfo = monitoring.TypeUserPlatformEvent, &monitoring.PlatformEventInfo{Type: "typo"}
			return txn
		}, wantPath: "userPlatformEventInfo.type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := monitoringtest.NewServer(t)
			var opts []monitoring.Option
			if tt.strict {
				opts = append(opts, monitoring.WithStrictEnums())
			}
			c, _ := srv.NewClient(opts...)
			_, err := c.Submit(context.Background(), tt.txn())
			if tt.wantPath != "" {
				var ve *monitoring.ValidationError
				if !errors.As(err, &ve) || !slices.Contains(problemPaths(ve), tt.wantPath) {
					t.Errorf("err = %v, want a *ValidationError on %s", err, tt.wantPath)
				}
				if n := srv.Stats().Requests; n != 0 {
					t.Errorf("%d requests sent, want none", n)
				}
				return
			}
			var ae *monitoring.APIError
			if !errors.As(err, &ae) || ae.HTTPStatus != 400 || !errors.Is(err, monitoring.ErrInvalidRequest) {
				t.Fatalf("err = %v, want Sumsub's 400", err)
			}
			if diff := cmp.Diff(tt.wantMsg, ae.Message); diff != "" {
				t.Errorf("description (-want +got):\n%s", diff)
			}
			if n := srv.Stats().Stored; n != 0 {
				t.Errorf("%d stored, want none", n)
			}
		})
	}
	// A duplicate txnId: Sumsub's 409, on the second submit.
	srv := monitoringtest.NewServer(t)
	c, _ := srv.NewClient()
	if _, err := c.Submit(context.Background(), valid()); err != nil {
		t.Fatal(err)
	}
	_, err := c.Submit(context.Background(), valid())
	var ae *monitoring.APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 409 || ae.Message != "Entity already exists" || !errors.Is(err, monitoring.ErrDuplicate) {
		t.Errorf("second submit: %v, want Sumsub's 409 Entity already exists", err)
	}
}
