package gtrtest

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/internal/redact"
)

// Format prints String for every verb, so no verb (%d, %x …) reaches the
// credentials, keys or recorded PII.
func (s *Server) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, s.String()) }

// LogValue logs String: the URL and VASP code, never a credential (slog's
// JSON handler would otherwise encode the exported fields).
func (s *Server) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Redaction of the records and inputs. The types below hold what package
// gtr treats as PII or secret (IVMS documents, customers' addresses and
// tags, txIds, amounts, key pairs, members' replies), so they print as gtr's
// own types do: under every fmt verb and through log/slog only facts that
// identify no one (VASP codes, direction, network, ticker, statuses,
// counts). The fields hold the data for a test's assertions.

func newView(name string) *redact.View { return redact.NewView("gtrtest", name) }

// statusFact is a verify status as a fact: "100000 SUCCESS", or "" for none.
func statusFact(s gtr.VerifyStatus) string {
	if s == 0 {
		return ""
	}
	return strconv.Itoa(int(s)) + " " + s.String()
}

// directionFact is a direction as a fact, or "" for none.
func directionFact(d gtr.Direction) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

func (r Record) view() *redact.View {
	return newView("Record").Str("direction", directionFact(r.Direction)).Flag("incoming", r.Incoming).
		Str("initiator", r.Initiator).Str("receiver", r.Receiver).
		Str("originatorVasp", r.OriginatorVASP).Str("beneficiaryVasp", r.BeneficiaryVASP).
		Str("network", r.Network).Str("ticker", r.Ticker).Str("status", statusFact(r.Status)).
		Str("stage", string(r.Stage)).Flag("identity", r.Identity != nil).Flag("ended", r.Ended).
		NonZero("callbacks", len(r.Callbacks))
}

// Format prints the record's facts under every verb; see the redaction note
// above.
func (r Record) Format(f fmt.State, _ rune) { redact.Write(f, r.view().String()) }

// LogValue logs the record's facts.
func (r Record) LogValue() slog.Value { return r.view().Value() }

func (tr TravelRule) view() *redact.View {
	return newView("TravelRule").Str("from", tr.From).Str("direction", directionFact(tr.Direction)).
		Str("network", tr.Network).Str("ticker", tr.Ticker).Str("piiFormat", string(tr.PIIFormat)).
		Flag("identity", tr.Identity != nil)
}

// Format prints the travel rule's facts under every verb.
func (tr TravelRule) Format(f fmt.State, _ rune) { redact.Write(f, tr.view().String()) }

// LogValue logs the travel rule's facts.
func (tr TravelRule) LogValue() slog.Value { return tr.view().Value() }

func (w Wallet) view() *redact.View { return newView("Wallet").Str("network", w.Network) }

// Format prints the wallet's network only: the address and tag are a
// customer's.
func (w Wallet) Format(f fmt.State, _ rune) { redact.Write(f, w.view().String()) }

// LogValue logs the wallet's network only.
func (w Wallet) LogValue() slog.Value { return w.view().Value() }

func (tx Transfer) view() *redact.View { return newView("Transfer").Str("network", tx.To.Network) }

// Format prints the transfer's network only.
func (tx Transfer) Format(f fmt.State, _ rune) { redact.Write(f, tx.view().String()) }

// LogValue logs the transfer's network only.
func (tx Transfer) LogValue() slog.Value { return tx.view().Value() }

func (v VASP) view() *redact.View {
	return newView("VASP").Str("code", v.Code).Str("name", v.Name).Str("brand", v.Brand).Str("country", v.Country).
		Flag("down", v.Down).NonZero("addresses", len(v.Addresses)).NonZero("txIds", len(v.TxIDs))
}

// Format prints the VASP's code, names and counts, never its key pair or
// its customers.
func (v VASP) Format(f fmt.State, _ rune) { redact.Write(f, v.view().String()) }

// LogValue logs the VASP's code, names and counts.
func (v VASP) LogValue() slog.Value { return v.view().Value() }

func (r CallbackReply) view() *redact.View {
	return newView("CallbackReply").NonZero("httpStatus", r.HTTPStatus).Str("status", statusFact(r.Status)).
		Flag("data", len(r.Data) > 0)
}

// Format prints the reply's statuses, never its message or data.
func (r CallbackReply) Format(f fmt.State, _ rune) { redact.Write(f, r.view().String()) }

// LogValue logs the reply's statuses.
func (r CallbackReply) LogValue() slog.Value { return r.view().Value() }

func (o Outcome) view() *redact.View {
	v := newView("Outcome")
	if o.Check != nil {
		v.Str("check", statusFact(o.Check.Status))
	}
	if o.PII != nil {
		v.Str("pii", statusFact(o.PII.Status))
	}
	return v.NonZero("fields", len(o.Fields)).Flag("identity", o.Identity != nil)
}

// Format prints the member's statuses, never the document it returned.
func (o Outcome) Format(f fmt.State, _ rune) { redact.Write(f, o.view().String()) }

// LogValue logs the member's statuses.
func (o Outcome) LogValue() slog.Value { return o.view().Value() }
