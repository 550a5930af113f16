package monitoringtest

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzAcceptance checks the fake's acceptance rules never panic on a body,
// and that every body they accept the fake can store and serve: an
// accepted submit never turns into an error of the fake's own making.
func FuzzAcceptance(f *testing.F) {
	files, _ := filepath.Glob("../testdata/examples/*.json")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, false)
			f.Add(b, true)
		}
	}
	for _, s := range []string{
		`{}`, `{"applicant":{}}`, `{"type":5,"applicant":{}}`, `{"txnId":null,"applicant":{},"info":{"direction":"in","amount":"1e5","currencyCode":"X"}}`,
		`{"type":"userPlatformEvent","applicant":{},"userPlatformEventInfo":{"type":"typo"}}`, `{"applicant":{},"info":[]}`,
		`{"type":"gamblingBet","applicant":{},"gamblingBetInfo":{"amount":" 1","currencyCode":"EUR","resultAmount":true}}`, `[]`, `null`, `{"a":1}{}`,
	} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, body []byte, newApplicant bool) {
		raw, _ := decodeObject(body)
		e, ok := checkTxn(raw, newApplicant)
		if !ok {
			if e.status != 400 || e.desc == "" {
				t.Fatalf("refused %q with %+v, want a documented 400", body, e)
			}
			return
		}
		txn, e, ok := storedTxn(body)
		if !ok {
			t.Fatalf("accepted %q but cannot store it: %+v", body, e)
		}
		if _, err := txn.MarshalJSON(); err != nil {
			t.Fatalf("accepted %q but cannot serve it: %v", body, err)
		}
	})
}

// FuzzFindFilters checks the parser of Find's matrix parameters never
// panics and keeps every value it accepts whole.
func FuzzFindFilters(f *testing.F) {
	for _, s := range []string{"-", "-;data.type=finance", "-;data.info.paymentTxnId=a%3Bb;data.txnDate__gte=2025-10-07%2000%3A00%3A00", "x;a=b", "-;=", "-;a", "-;a=%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seg string) {
		filters, ok := parseFilters(seg)
		if !ok {
			return
		}
		for _, fl := range filters {
			if fl.path == "" {
				t.Fatalf("accepted an empty filter path in %q", seg)
			}
		}
	})
}
