package monitoring_test

import (
	"golang.org/x/time/rate"

	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/vaspkit/vaspkit/monitoring"
)

func ExampleTransaction() {
	// A documented Sumsub example with its quirks: a coordinate sent as a
	// string with a leading space, an accuracy sent as a string, an IP that
	// is not an address, an exact decimal. Nothing is lost or "fixed".
	in := []byte(`{"txnId":"general0001","type":"userPlatformEvent","applicant":{"externalUserId":"PlatformEvent0001","device":{"coords":{"lat":-1.7976931348623157,"lon":" 1.7976931348623157","accuracy":"10"},"ipInfo":{"ip":"242.1.1","riskyAsn":false}}},"info":{"amountInDefaultCurrency":95238.09523809524},"userPlatformEventInfo":{"type":"general"},"orderId":"not modelled"}`)
	var txn monitoring.Transaction
	if err := json.Unmarshal(in, &txn); err != nil {
		fmt.Println(err)
		return
	}
	c := txn.Applicant.Device.Coords
	fmt.Printf("lon %q quoted=%v, accuracy %s, ip %s\n", c.Lon.String(), c.Lon.Quoted(), c.Accuracy, txn.Applicant.Device.IPInfo.IP)
	out, _ := json.Marshal(txn)
	fmt.Println(string(out))
	// Output:
	// lon " 1.7976931348623157" quoted=true, accuracy 10, ip 242.1.1
	// {"txnId":"general0001","type":"userPlatformEvent","info":{"amountInDefaultCurrency":95238.09523809524},"applicant":{"externalUserId":"PlatformEvent0001","device":{"coords":{"lat":-1.7976931348623157,"lon":" 1.7976931348623157","accuracy":"10"},"ipInfo":{"ip":"242.1.1","riskyAsn":false}}},"userPlatformEventInfo":{"type":"general"},"orderId":"not modelled"}
}

func ExampleTransaction_Validate() {
	txn := &monitoring.Transaction{
		TxnID: "tr-1",
		Type:  monitoring.TypeTravelRule,
		Info:  &monitoring.Info{Direction: monitoring.Out, CurrencyCode: "BTC"},
	}
	err := txn.Validate()
	var ve *monitoring.ValidationError
	fmt.Println(errors.As(err, &ve), errors.Is(err, monitoring.ErrValidation))
	for _, p := range ve.Problems {
		fmt.Println(p.Path, p.Rule)
	}
	// Output:
	// true true
	// applicant REQUIRED
	// info.amount REQUIRED
	// counterparty REQUIRED
}

func ExampleParseNumber() {
	n, err := monitoring.ParseNumber("0.1")
	if err != nil {
		fmt.Println(err)
		return
	}
	sum, _ := n.Rat()
	sum.Add(sum, sum) // exact: 0.1 + 0.1 = 1/5, no float rounding
	fmt.Println(n, sum.FloatString(20))

	_, err = monitoring.ParseNumber("1,5")
	fmt.Println(errors.Is(err, monitoring.ErrInvalidNumber))
	// Output:
	// 0.1 0.20000000000000000000
	// true
}

func ExampleNewTime() {
	berlin := time.FixedZone("CEST", 2*3600)
	t := monitoring.NewTime(time.Date(2024, 7, 21, 15, 57, 38, 0, berlin))
	fmt.Println(t)
	back, _ := t.Time()
	fmt.Println(back.UTC())
	// Output:
	// 2024-07-21 15:57:38+0200
	// 2024-07-21 13:57:38 +0000 UTC
}

func ExampleTime_Time() {
	for _, ts := range []monitoring.Time{
		"2024-05-02 12:31:06+0300", // txnDate, a webhook's createdAt
		"2024-05-02 09:31:06.123",  // a webhook's createdAtMs (UTC)
		"2024-05-02 09:31:06",      // a transaction's createdAt (UTC)
		"2024-05-02T09:31:06Z",     // not a format Sumsub documents
	} {
		t, err := ts.Time()
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(t.UTC().Format(time.RFC3339Nano))
	}
	// Output:
	// 2024-05-02T09:31:06Z
	// 2024-05-02T09:31:06.123Z
	// 2024-05-02T09:31:06Z
	// monitoring: time not in a format Sumsub documents
}

func ExampleWithLimiter() {
	// One limiter shared by every client of a process (Sumsub's 50 POST
	// requests per 5 s, in bursts of up to 50); for several processes,
	// implement Limiter on a shared store (Redis, …).
	shared := rate.NewLimiter(rate.Every(100*time.Millisecond), 50)
	client, err := monitoring.New(
		monitoring.WithAppToken("sbx:your-app-token", "your-secret-key"),
		monitoring.WithLimiter(shared),
	)
	fmt.Println(client != nil, err)
	// Output:
	// true <nil>
}
