package travelrule_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/travelrule"
)

// TestOwnershipMessageGolden reproduces Striga's templates character for
// character; the first case is the literal example of the declare page.
func TestOwnershipMessageGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		tmpl    travelrule.OwnershipTemplate
		addr    string
		owner   string
		date    time.Time
		message string
	}{
		{"docs example (declare page)", travelrule.OwnershipCustomer, "bc1q0xcqpzrky6eff2g52qdye53xkk9jxkvrh6yhyw",
			"550e8400-e29b-41d4-a716-446655440000", time.Date(2026, 5, 14, 9, 0, 0, 0, time.UTC),
			"I am verifying ownership of the wallet address bc1q0xcqpzrky6eff2g52qdye53xkk9jxkvrh6yhyw as customer 550e8400-e29b-41d4-a716-446655440000. This message was signed on 14/05/2026 to confirm my control over this wallet."},
		{"verify-wallet form", travelrule.OwnershipVerifyWallet, "bc1q0xcqpzrky6eff2g52qdye53xkk9jxkvrh6yhyw",
			"550e8400-e29b-41d4-a716-446655440000", time.Date(2026, 5, 14, 9, 0, 0, 0, time.UTC),
			"I am verifying ownership of the wallet address bc1q0xcqpzrky6eff2g52qdye53xkk9jxkvrh6yhyw as 550e8400-e29b-41d4-a716-446655440000. This message was signed on 14/05/2026 to confirm my control over this wallet."},
		{"UTC date, not local: 23:30 in New York on 31 Dec is 1 Jan UTC", travelrule.OwnershipCustomer, "0xabc", userID,
			time.Date(2025, 12, 31, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)),
			"I am verifying ownership of the wallet address 0xabc as customer 550e8400-e29b-41d4-a716-446655440000. This message was signed on 01/01/2026 to confirm my control over this wallet."},
		{"single-digit day and month are zero-padded", travelrule.OwnershipVerifyWallet, "0xabc", userID,
			time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC),
			"I am verifying ownership of the wallet address 0xabc as 550e8400-e29b-41d4-a716-446655440000. This message was signed on 07/03/2026 to confirm my control over this wallet."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := travelrule.OwnershipMessage(tc.tmpl, tc.addr, tc.owner, tc.date)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.message, got); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
			if err := travelrule.CheckOwnershipMessage(got, tc.tmpl, tc.addr, tc.owner, tc.date); err != nil {
				t.Errorf("CheckOwnershipMessage of its own output: %v", err)
			}
		})
	}
}

func TestOwnershipMessageRefused(t *testing.T) {
	t.Parallel()
	_, err := travelrule.OwnershipMessage(travelrule.OwnershipTemplate(9), "a b", "nope", time.Time{})
	want := []problem{{"template", travelrule.RuleEnum}, {"signed_address", travelrule.RuleWhitespace},
		{"userId", travelrule.RuleUUID}, {"date", travelrule.RuleRequired}}
	if diff := cmp.Diff(want, problemsOf(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := travelrule.OwnershipMessage(travelrule.OwnershipCustomer, "", userID, time.Now()); !errors.Is(err, travelrule.ErrInvalidRequest) {
		t.Errorf("empty address: %v", err)
	}
}

func TestCheckOwnershipMessage(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 5, 14, 0, 5, 0, 0, time.UTC)
	msgOn := func(d time.Time) string {
		m, _ := travelrule.OwnershipMessage(travelrule.OwnershipCustomer, "0xabc", userID, d)
		return m
	}
	tests := []struct {
		name string
		msg  string
		tmpl travelrule.OwnershipTemplate
		want []problem
	}{
		{"today", msgOn(now), travelrule.OwnershipCustomer, nil},
		{"yesterday", msgOn(now.AddDate(0, 0, -1)), travelrule.OwnershipCustomer, nil},
		{"tomorrow", msgOn(now.AddDate(0, 0, 1)), travelrule.OwnershipCustomer, nil},
		{"two days ago", msgOn(now.AddDate(0, 0, -2)), travelrule.OwnershipCustomer, []problem{{"message", travelrule.RuleDate}}},
		{"in two days", msgOn(now.AddDate(0, 0, 2)), travelrule.OwnershipCustomer, []problem{{"message", travelrule.RuleDate}}},
		{"other template", msgOn(now), travelrule.OwnershipVerifyWallet, []problem{{"message", travelrule.RuleOwnershipMessage}}},
		{"trailing space", msgOn(now) + " ", travelrule.OwnershipCustomer, []problem{{"message", travelrule.RuleOwnershipMessage}}},
		{"US date order", "I am verifying ownership of the wallet address 0xabc as customer " + userID +
			". This message was signed on 05/14/2026 to confirm my control over this wallet.", travelrule.OwnershipCustomer,
			[]problem{{"message", travelrule.RuleOwnershipMessage}}},
		{"unpadded date", "I am verifying ownership of the wallet address 0xabc as customer " + userID +
			". This message was signed on 4/5/202615 to confirm my control over this wallet.", travelrule.OwnershipCustomer,
			[]problem{{"message", travelrule.RuleOwnershipMessage}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := travelrule.CheckOwnershipMessage(tc.msg, tc.tmpl, "0xabc", userID, now)
			if tc.want == nil {
				if err != nil {
					t.Errorf("err = %v", err)
				}
				return
			}
			if diff := cmp.Diff(tc.want, problemsOf(t, err)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
