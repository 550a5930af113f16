package travelrule_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/travelrule"
)

// documentedRequest is one request of testdata/striga_documented.json:
// the requests Striga's documentation describes, valid and invalid, which
// the fake's tests also send raw.
type documentedRequest struct {
	Name        string                     `json:"name"`
	Source      string                     `json:"source"`
	Body        map[string]json.RawMessage `json:"body"`
	Valid       bool                       `json:"valid"`
	SDK         string                     `json:"sdk"`
	SDKProblems [][2]string                `json:"sdkProblems"`
}

func loadDocumented(t *testing.T) (widget, selfHosted []documentedRequest) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "striga_documented.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		WidgetSession []documentedRequest `json:"widgetSession"`
		SelfHosted    []documentedRequest `json:"selfHosted"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.WidgetSession, f.SelfHosted
}

// fields reads the body into strings and one boolean; ok is false when a
// value's JSON type is not the documented one (the Go request cannot
// express it).
func (d documentedRequest) fields() (s map[string]string, force, ok bool) {
	s = map[string]string{}
	for k, raw := range d.Body {
		if k == "forceVerifyOwnership" {
			if json.Unmarshal(raw, &force) != nil {
				return nil, false, false
			}
			continue
		}
		var v string
		if json.Unmarshal(raw, &v) != nil {
			return nil, false, false
		}
		s[k] = v
	}
	return s, force, true
}

// TestValidationFollowsStrigasDocumentation: every request Striga's
// documentation describes as valid passes the SDK's validation — Validate,
// a sandbox client, and a sandbox client with an invoice check (package
// bolt11's tests run the documented invoices through bolt11.CheckInvoice) — and
// every one it describes as invalid is refused with the listed problems,
// or knowingly left to Striga (a currency outside the SDK's table).
func TestValidationFollowsStrigasDocumentation(t *testing.T) {
	t.Parallel()
	widget, selfHosted := loadDocumented(t)
	sandbox, err := travelrule.New(travelrule.WithCredentials("k", "s"))
	if err != nil {
		t.Fatal(err)
	}
	full, err := travelrule.New(travelrule.WithCredentials("k", "s"), travelrule.WithInvoiceCheck(fixtureCheck(loadFixtures(t))))
	if err != nil {
		t.Fatal(err)
	}
	type check struct {
		name string
		run  func(f map[string]string, force bool) error
	}
	widgetReq := func(f map[string]string, force bool) *travelrule.WidgetSessionRequest {
		return &travelrule.WidgetSessionRequest{UserID: f["userId"], BusinessID: f["businessId"], Currency: f["currency"], Network: f["network"],
			CounterpartyAddress: f["counterpartyAddress"], PaymentHash: f["paymentHash"], Invoice: f["invoice"],
			ForceVerifyOwnership: force, TxHash: f["txHash"]}
	}
	declareReq := func(f map[string]string) *travelrule.SelfHostedCounterpartyRequest {
		return &travelrule.SelfHostedCounterpartyRequest{UserID: f["userId"], BusinessID: f["businessId"], Currency: f["currency"], Network: f["network"],
			CounterpartyAddress: f["counterpartyAddress"], PaymentHash: f["paymentHash"], Invoice: f["invoice"],
			SubType: travelrule.CounterpartySubType(f["subType"])}
	}
	groups := []struct {
		name    string
		entries []documentedRequest
		checks  []check
	}{
		{"widget session", widget, []check{
			{"Validate", func(f map[string]string, force bool) error { return widgetReq(f, force).Validate() }},
			{"sandbox client", func(f map[string]string, force bool) error { return sandbox.ValidateWidgetSession(widgetReq(f, force)) }},
			{"sandbox client with an invoice check", func(f map[string]string, force bool) error { return full.ValidateWidgetSession(widgetReq(f, force)) }},
		}},
		{"self-hosted counterparty", selfHosted, []check{
			{"Validate", func(f map[string]string, _ bool) error { return declareReq(f).Validate() }},
		}},
	}
	for _, g := range groups {
		for _, d := range g.entries {
			t.Run(g.name+"/"+d.Name, func(t *testing.T) {
				t.Parallel()
				f, force, ok := d.fields()
				if !ok {
					if d.SDK != "not expressible" {
						t.Fatalf("%s: body not expressible as a Go request", d.Source)
					}
					return
				}
				for _, c := range g.checks {
					err := c.run(f, force)
					switch {
					case d.Valid:
						if err != nil {
							t.Errorf("%s: %s refuses a documented valid request: %v", c.name, d.Source, err)
						}
					case d.SDK == "left to Striga":
						if err != nil {
							t.Errorf("%s: %s: the SDK leaves this to Striga, but refused: %v", c.name, d.Source, err)
						}
					case d.SDK == "refused":
						var want []problem
						for _, p := range d.SDKProblems {
							want = append(want, problem{p[0], p[1]})
						}
						if c.name == "Validate" && len(want) == 1 && want[0].Rule == travelrule.RuleInvoiceNetwork {
							// Validate knows no environment: any network passes.
							if err != nil {
								t.Errorf("%s: %v", c.name, err)
							}
							continue
						}
						if diff := cmp.Diff(want, problemsOf(t, err)); diff != "" {
							t.Errorf("%s: %s (-want +got):\n%s", c.name, d.Source, diff)
						}
					default:
						t.Fatalf("unknown sdk verdict %q", d.SDK)
					}
				}
			})
		}
	}
}
