package travelruletest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// A widget session is stored, then the connection drops before the answer:
// the client's retry gets the stored session back (Reused), and the fake
// recorded both attempts. The same Fault, InjectFault and Requests work in
// gtrtest and monitoringtest.
func ExampleServer_InjectFault() {
	srv := travelruletest.NewServer(nil) // in a test: travelruletest.NewServer(t)
	defer srv.Close()
	client, err := srv.NewClient(travelrule.WithRetry(3, time.Millisecond, 10*time.Millisecond))
	if err != nil {
		fmt.Println(err)
		return
	}

	srv.InjectFault(fakefault.Fault{Kind: fakefault.Drop, Path: travelrule.DefaultWidgetSessionPath})
	s, err := client.CreateWidgetSession(context.Background(), &travelrule.WidgetSessionRequest{
		UserID: "6f1c2e0a-3b7d-4c9e-8a51-2d4f6b8c0e13", Currency: "ETH", Network: "ETH",
		CounterpartyAddress: "0x3c44CdDdB6a900fa2b585dd299e03d12FA4293BC",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("reused:", s.Reused, "stored:", len(srv.Sessions()))
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Status, r.Fault)
	}
	// Output:
	// reused: true stored: 1
	// POST /travel-rule/widget-session 0 drop
	// POST /travel-rule/widget-session 200 none
}
