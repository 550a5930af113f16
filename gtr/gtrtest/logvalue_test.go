package gtrtest

import (
	"testing"

	"github.com/vaspkit/vaspkit/internal/redacttest"
)

// TestServerRedaction: neither fmt (any verb) nor slog (either handler)
// shows the fake's credentials.
func TestServerRedaction(t *testing.T) {
	srv := NewServer(t)
	_, _, secret := srv.Credentials()
	redacttest.Hides(t, srv, []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"}, secret, srv.URL)
}

// redactSpec lists every type of the fake that holds PII or a secret, with
// the facts its redacted forms show (the checks are documented in package
// redacttest).
var redactSpec = redacttest.Spec{
	Pkgs: []string{"github.com/vaspkit/vaspkit/gtr/gtrtest", "github.com/vaspkit/vaspkit/gtr", "github.com/vaspkit/vaspkit/ivms"},
	Cases: func() []redacttest.Case {
		return []redacttest.Case{
			{Name: "Record", V: new(Record), Safe: []string{"Initiator", "Receiver", "OriginatorVASP", "BeneficiaryVASP", "Network", "Ticker", "Stage"}},
			{Name: "TravelRule", V: new(TravelRule), Safe: []string{"From", "Network", "Ticker", "PIIFormat"}},
			{Name: "Wallet", V: new(Wallet), Safe: []string{"Network"}},
			{Name: "Transfer", V: new(Transfer), Safe: []string{"To.Network"}},
			{Name: "VASP", V: new(VASP), Safe: []string{"Code", "Name", "Brand", "Country"}},
			{Name: "CallbackReply", V: new(CallbackReply)},
			{Name: "Outcome", V: &Outcome{Check: new(CallbackReply), PII: new(CallbackReply)}},
		}
	},
	NotPII: map[string]string{
		"Server":   "holds credentials: TestServerRedaction checks its own redaction",
		"Delivery": "a callback's type, status and delivery error",
	},
	ExternalPII: []string{"ivms.IdentityPayload", "ivms.Person", "gtr.KeyPair", "gtr.FieldResult"},
}

// TestRecordRedaction: no canary in the records and inputs shows under any fmt
// verb nor through slog (either handler); each type, as a value and a
// pointer, implements fmt.Formatter and slog.LogValuer; and a new type
// holding one of these is listed too.
func TestRecordRedaction(t *testing.T) {
	t.Parallel()
	redactSpec.Check(t)
}
