package gtrtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

func TestVASPDiscovery(t *testing.T) {
	t.Parallel()
	srv := newPlatform(t, gtrtest.WithNumericFieldIDs())
	if err := srv.AddVASP(gtrtest.VASP{Code: "BENE_EU", Name: "Bene Europe", Brand: "Bene", Country: "LT", Down: true,
		Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "ETH", Address: "0xeu"}: bob}}); err != nil {
		t.Fatal(err)
	}
	if err := srv.AddVASP(gtrtest.VASP{Code: "SOLO", Pending: gtrtest.PendingPII}); err != nil {
		t.Fatal(err)
	}
	if err := srv.AddVASP(gtrtest.VASP{Code: gtrtest.DefaultVASPCode}); err == nil {
		t.Error("AddVASP accepted the member's own code")
	}
	hdr := login(t, srv, nil)

	r := call(t, srv, http.MethodGet, gtrtest.PathVASPList+"?showVaspEntities=false", hdr, nil)
	var brands []struct {
		VASPCode        string `json:"vaspCode"`
		BrandName       string `json:"brandName"`
		SupportEntities []struct {
			VASPCode string `json:"vaspCode"`
		} `json:"supportEntities"`
	}
	if err := json.Unmarshal(r.Data, &brands); err != nil {
		t.Fatal(err)
	}
	if len(brands) != 2 || brands[0].BrandName != "Bene" || brands[0].VASPCode != "BENE" || len(brands[0].SupportEntities) != 2 ||
		brands[1].VASPCode != "SOLO" {
		t.Errorf("brand list = %+v", brands)
	}
	r = call(t, srv, http.MethodGet, gtrtest.PathVASPList+"?showVaspEntities=true", hdr, nil)
	var entities []map[string]string
	if err := json.Unmarshal(r.Data, &entities); err != nil || len(entities) != 3 || entities[1]["country"] != "LT" {
		t.Errorf("entity list = %v (%v)", entities, err)
	}

	r = call(t, srv, http.MethodGet, gtrtest.PathVASPDetail+"?vaspCode=BENE_EU", hdr, nil)
	var detail struct {
		VASPCode     string `json:"vaspCode"`
		Availability int    `json:"availability"`
		Capability   struct {
			CouldPending bool `json:"couldPending"`
		} `json:"capability"`
		Required  []map[string]any `json:"requiredPiiFieldsAsBeneficiary"`
		Supported []map[string]any `json:"supportedVerifyFields"`
		Standard  struct {
			PublicKeyInfo struct {
				ReceiverKeyInfo struct{ PublicKey string } `json:"receiverKeyInfo"`
				SecretAlgorithm string                     `json:"secretAlgorithm"`
			} `json:"publicKeyInfo"`
		} `json:"standardInfo"`
	}
	if err := json.Unmarshal(r.Data, &detail); err != nil {
		t.Fatal(err)
	}
	pub, _ := srv.VASPPublicKey("BENE_EU")
	if detail.VASPCode != "BENE_EU" || detail.Availability != 1 || detail.Capability.CouldPending ||
		detail.Standard.PublicKeyInfo.ReceiverKeyInfo.PublicKey != pub.String() || detail.Standard.PublicKeyInfo.SecretAlgorithm != "ed25519_curve25519" {
		t.Errorf("detail = %+v", detail)
	}
	if len(detail.Supported) == 0 {
		t.Fatal("no supportedVerifyFields")
	}
	if _, isNumber := detail.Supported[0]["id"].(float64); !isNumber {
		t.Errorf("WithNumericFieldIDs: id is %T, want a JSON number", detail.Supported[0]["id"])
	}
	r = call(t, srv, http.MethodGet, gtrtest.PathVASPDetail+"?vaspCode=BENE", hdr, nil)
	if err := json.Unmarshal(r.Data, &detail); err != nil || len(detail.Required) != 1 || detail.Required[0]["direction"] != "BENEFICIARY" {
		t.Errorf("BENE required fields = %v", detail.Required)
	}
	if r = call(t, srv, http.MethodGet, gtrtest.PathVASPDetail+"?vaspCode=NOBODY", hdr, nil); r.VerifyStatus != 100015 {
		t.Errorf("unknown VASP detail = %d, want 100015", r.VerifyStatus)
	}

	detect := func(code, address string) string {
		t.Helper()
		r := call(t, srv, http.MethodPost, gtrtest.PathAddressDetection, hdr, map[string]any{
			"vaspCode": code, "address": address, "network": "ETH", "tag": "", "txId": nil, "publicKey": "x",
		})
		var d struct {
			VASPCode string `json:"vaspCode"`
		}
		if r.VerifyStatus != 100000 || json.Unmarshal(r.Data, &d) != nil {
			t.Fatalf("detection = %d %s", r.VerifyStatus, r.VerifyMessage)
		}
		return d.VASPCode
	}
	if got := detect("BENE", "0xeu"); got != "BENE_EU" {
		t.Errorf("detection of a sibling's address = %s, want BENE_EU", got)
	}
	if got := detect("BENE", beneAddress); got != "BENE" {
		t.Errorf("detection of its own address = %s, want BENE", got)
	}
	if got := detect("BENE", "0xunknown"); got != "BENE" {
		t.Errorf("detection of an unknown address = %s, want the VASP asked about", got)
	}
}

func TestLifecycle(t *testing.T) {
	t.Parallel()
	srv := newPlatform(t)
	hdr := login(t, srv, nil)
	kp := mustKeyPair(t)
	call(t, srv, http.MethodPost, gtrtest.PathOneStep, hdr, sealedOneStep(t, srv, kp, "life-0001", beneAddress, "", preTxPayload(t, bob)))
	call(t, srv, http.MethodPost, gtrtest.PathOneStep, hdr, sealedOneStep(t, srv, kp, "life-0002", "0xnobody", "", preTxPayload(t, bob)))

	steps := []struct {
		name string
		path string
		body map[string]any
		want int
	}{
		{"notify", gtrtest.PathNotifyTxID, map[string]any{"requestId": "life-0001", "txId": "0xfeed"}, 100000},
		{"notify again", gtrtest.PathNotifyTxID, map[string]any{"requestId": "life-0001", "txId": "0xfeed"}, 100029},
		{"notify after stage 1 failed", gtrtest.PathNotifyTxID, map[string]any{"requestId": "life-0002", "txId": "0xfeed"}, 100027},
		{"notify unknown", gtrtest.PathNotifyTxID, map[string]any{"requestId": "life-9999", "txId": "0xfeed"}, 100001},
		{"end unknown reason", gtrtest.PathEnd, map[string]any{"requestId": "life-0002", "reasonType": "BORED"}, 100004},
		{"end", gtrtest.PathEnd, map[string]any{"requestId": "life-0002", "reasonType": "CANCELLED", "reason": "user cancelled"}, 100000},
		{"end again", gtrtest.PathEnd, map[string]any{"requestId": "life-0002", "reasonType": "CANCELLED"}, 100027},
	}
	for _, s := range steps {
		if r := call(t, srv, http.MethodPost, s.path, hdr, s.body); r.VerifyStatus != s.want {
			t.Errorf("%s: %d %q, want %d", s.name, r.VerifyStatus, r.VerifyMessage, s.want)
		}
	}
	type query struct {
		RequestID       string `json:"requestId"`
		TxID            string `json:"txId"`
		VerifyStatus    int    `json:"verifyStatus"`
		VerifyStage     string `json:"verifyStage"`
		OriginatorVASP  string `json:"originatorVasp"`
		BeneficiaryVASP string `json:"beneficiaryVasp"`
	}
	q := func(id string) (reply, query) {
		r := call(t, srv, http.MethodGet, gtrtest.PathQuery+"?requestId="+id, hdr, nil)
		var d query
		_ = json.Unmarshal(r.Data, &d)
		return r, d
	}
	if _, d := q("life-0001"); d != (query{"life-0001", "0xfeed", 100000, "PII_VERIFICATION", gtrtest.DefaultVASPCode, "BENE"}) {
		t.Errorf("query life-0001 = %+v", d)
	}
	if _, d := q("life-0002"); d.VerifyStatus != 100028 || d.VerifyStage != "ADDRESS_VERIFICATION" {
		t.Errorf("query of an ended travel rule = %+v", d)
	}
	if r, _ := q("life-9999"); r.VerifyStatus != 100001 || string(r.Data) != "{}" {
		t.Errorf("query of an unknown requestId = %d %s", r.VerifyStatus, r.Data)
	}
	rec, _ := srv.Recorded("life-0002")
	if !rec.Ended || rec.EndReasonType != "CANCELLED" || rec.EndReason != "user cancelled" {
		t.Errorf("Recorded end = %+v", rec)
	}
}

func TestFaults(t *testing.T) {
	t.Parallel()
	srv := newPlatform(t)
	hdr := login(t, srv, nil)
	kp := mustKeyPair(t)
	srv.InjectFault(
		fakefault.Fault{Kind: fakefault.ServerError, Path: gtrtest.PathVASPList},
		fakefault.Fault{Kind: fakefault.TooManyRequests, Path: gtrtest.PathVASPList, RetryAfter: 1500 * time.Millisecond},
		fakefault.Fault{Kind: fakefault.ServerError, Path: gtrtest.PathVASPList, Status: http.StatusBadGateway, Body: []byte("<html>bad gateway</html>")},
	)
	r := call(t, srv, http.MethodGet, gtrtest.PathVASPList, hdr, nil)
	if r.HTTP != 503 || r.VerifyStatus != 100006 {
		t.Errorf("503 fault = %d/%d", r.HTTP, r.VerifyStatus)
	}
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL+gtrtest.PathVASPList, nil)
	req.Header.Set("Authorization", hdr["Authorization"])
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "2" {
		t.Errorf("429 fault = %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	resp, err = srv.HTTPClient().Do(req.Clone(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 502 || resp.Header.Get("Content-Type") == "application/json" {
		t.Errorf("raw-body fault = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if r := call(t, srv, http.MethodGet, gtrtest.PathVASPList, hdr, nil); r.VerifyStatus != 100000 {
		t.Errorf("after the queued faults: %d", r.VerifyStatus)
	}

	// Dropped after recording: the client sees a broken connection, the
	// platform has the travel rule.
	srv.InjectFault(fakefault.Fault{Kind: fakefault.Drop, Path: gtrtest.PathOneStep})
	body, _ := json.Marshal(sealedOneStep(t, srv, kp, "drop-0001", beneAddress, "", preTxPayload(t, bob)))
	req, _ = http.NewRequestWithContext(context.Background(), http.MethodPost, srv.URL+gtrtest.PathOneStep, bytesReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", hdr["Authorization"])
	if resp, err := srv.HTTPClient().Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("a dropped connection answered")
	}
	if rec, ok := srv.Recorded("drop-0001"); !ok || rec.Status != gtr.StatusSuccess {
		t.Errorf("dropped one_step was not recorded: %+v", rec)
	}
	// Dropped before handling: nothing recorded.
	srv.InjectFault(fakefault.Fault{Kind: fakefault.DropBefore, Path: gtrtest.PathOneStep})
	body, _ = json.Marshal(sealedOneStep(t, srv, kp, "drop-0002", beneAddress, "", preTxPayload(t, bob)))
	req, _ = http.NewRequestWithContext(context.Background(), http.MethodPost, srv.URL+gtrtest.PathOneStep, bytesReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", hdr["Authorization"])
	if resp, err := srv.HTTPClient().Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("a dropped connection answered")
	}
	if _, ok := srv.Recorded("drop-0002"); ok {
		t.Error("a request dropped before handling was recorded")
	}
	var faults []fakefault.Kind
	for _, r := range srv.Requests(gtrtest.PathOneStep) {
		if r.Status != 0 {
			t.Errorf("a dropped one_step recorded HTTP %d, want 0", r.Status)
		}
		faults = append(faults, r.Fault)
	}
	if diff := cmp.Diff([]fakefault.Kind{fakefault.Drop, fakefault.DropBefore}, faults); diff != "" {
		t.Errorf("Requests(one_step) faults (-want +got):\n%s", diff)
	}
}

func TestFaultRateIsSeeded(t *testing.T) {
	t.Parallel()
	pattern := func() []int {
		srv := gtrtest.NewServer(t, gtrtest.WithSeed(42),
			gtrtest.WithFaults(fakefault.Fault{Kind: fakefault.ServerError, Status: http.StatusInternalServerError, Rate: 0.5}))
		var got []int
		for range 20 {
			got = append(got, call(t, srv, http.MethodPost, gtrtest.PathLogin, nil, map[string]any{}).HTTP)
		}
		return got
	}
	a, b := pattern(), pattern()
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different fault schedule (-first +second):\n%s", diff)
	}
	var n500 int
	for _, s := range a {
		if s == 500 {
			n500++
		}
	}
	if n500 == 0 || n500 == len(a) {
		t.Errorf("error rate 0.5 gave %d of %d failures", n500, len(a))
	}
}

func TestLatencyHonoursContext(t *testing.T) {
	t.Parallel()
	srv := gtrtest.NewServer(t, gtrtest.WithLatency(time.Hour))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+gtrtest.PathVASPList, nil)
	_, err := srv.HTTPClient().Do(req)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("request against an hour of latency = %v, want the context's deadline", err)
	}
}
