package gtr

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzCallbackDecode feeds arbitrary bodies to DecodeCallback and to a
// fully configured handler. Neither may panic; a decoded callback must
// carry its header; a rejection must be a value-free *callbackDecodeError.
func FuzzCallbackDecode(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "callbacks", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	peer := newTestPeer(f)
	f.Add(peer.piiCallback(f, preTxIdentity(canaryLast, canaryFirst, canaryDOB), BeneficiaryNatural.Name()))
	f.Add([]byte(`{"callbackType":4,"requestId":"abcd","callbackData":{"verificationDirection":"1","piiSecuredInfo":{"securedPayload":"AAAA","initiatorKeyInfo":{"publicKey":"NLQoA0DxCzWSrDFgV2x3GU3VvRm+AQirARaSB+0qEC0="}}}}`))
	f.Add([]byte(`{"callbackType":15,"requestId":"abcd","callbackData":{"piiSecuredInfo":{"securedPayload":"AAAA","secretAlgorithm":"rsa"}}}`))
	f.Add([]byte(`{"callbackType":9,"requestId":"a","callbackData":{"txId":1e400,"network":"BTC"}}`))
	f.Add([]byte(`{"callbackType":-1}`))
	f.Add([]byte(`{"callbackType":6,"callbackData":null,"requestId":"x"}`))
	f.Add([]byte(`{}`))

	h, err := NewCallbackHandler(
		WithCallbackKeyPair(peer.ours),
		OnAddressCheck(func(context.Context, *AddressCheck) (CheckAnswer, error) {
			return CheckAnswer{Result: CheckFound}, nil
		}),
		OnTxIDCheck(func(context.Context, *TxIDCheck) (CheckAnswer, error) {
			return CheckAnswer{Result: CheckNotFound}, nil
		}),
		OnAddressRouting(func(context.Context, *AddressRouting) (AddressRoutingAnswer, error) {
			return AddressRoutingAnswer{Found: true, VASPCode: "X"}, nil
		}),
		OnPIIVerify(verifyAsReceiver),
		OnNotification(func(context.Context, Notification) error { return nil }),
	)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := DecodeCallback(body)
		if err != nil {
			var de *callbackDecodeError
			if !errors.As(err, &de) || !errors.Is(err, ErrMalformedCallback) {
				t.Fatalf("error %T (%v) is not a *callbackDecodeError", err, err)
			}
			if len(body) >= 12 && strings.Contains(err.Error(), string(body)) {
				t.Fatalf("error quotes the body: %v", err)
			}
			return
		}
		hd := ev.Header()
		if hd == nil {
			t.Fatalf("%T has no header", ev)
		}
		if hd.Type != callbackHealthCheck && hd.RequestID == "" {
			t.Fatalf("%T decoded without a requestId", ev)
		}
		if _, unknown := ev.(*UnknownCallback); unknown == hd.Type.known() {
			t.Fatalf("type %d decoded to %T", hd.Type, ev)
		}
		status, _, _ := h.Handle(context.Background(), ev)
		if !status.known() {
			t.Fatalf("handler answered unpublished status %d", status)
		}
	})
}
