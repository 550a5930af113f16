package faultengine

import (
	"fmt"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestScheduleOrder: which fault each request meets.
func TestScheduleOrder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		faults []Fault
		paths  []string
		want   []Kind // 0: none
	}{
		{"once by default", []Fault{{Kind: Drop}}, []string{"/a", "/a"}, []Kind{Drop, 0}},
		{"Times", []Fault{{Kind: Drop, Times: 2}}, []string{"/a", "/a", "/a"}, []Kind{Drop, Drop, 0}},
		{"a queue, in order", []Fault{{Kind: ServerError}, {Kind: TooManyRequests}, {Kind: Drop}},
			[]string{"/a", "/a", "/a", "/a"}, []Kind{ServerError, TooManyRequests, Drop, 0}},
		{"Path", []Fault{{Kind: Drop, Path: "/b"}}, []string{"/a", "/b", "/b"}, []Kind{0, Drop, 0}},
		{"Every, forever", []Fault{{Kind: Drop, Every: 2}}, []string{"/a", "/a", "/a", "/a", "/a"}, []Kind{0, Drop, 0, Drop, 0}},
		{"Every, at most Times", []Fault{{Kind: Drop, Every: 1, Times: 2}}, []string{"/a", "/a", "/a"}, []Kind{Drop, Drop, 0}},
		// Every fault a request selects counts it; the first that fires acts.
		{"every selecting fault counts", []Fault{{Kind: ServerError, Every: 2}, {Kind: Drop, Every: 2}},
			[]string{"/a", "/a", "/a", "/a"}, []Kind{0, ServerError, 0, ServerError}},
		{"Rate 1", []Fault{{Kind: Drop, Rate: 1}}, []string{"/a", "/a"}, []Kind{Drop, Drop}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := NewSchedule(1)
			s.Add(tt.faults...)
			var got []Kind
			for _, p := range tt.paths {
				var k Kind
				if f := s.Next(httptest.NewRequest("POST", p, nil), p); f != nil {
					k = f.Kind
				}
				got = append(got, k)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestScheduleRateIsSeeded: a seed gives one schedule.
func TestScheduleRateIsSeeded(t *testing.T) {
	t.Parallel()
	run := func(seed uint64) []bool {
		s := NewSchedule(seed)
		s.Add(Fault{Kind: ServerError, Rate: 0.5})
		var out []bool
		for range 64 {
			out = append(out, s.Next(httptest.NewRequest("GET", "/", nil), "/") != nil)
		}
		return out
	}
	if diff := cmp.Diff(run(7), run(7)); diff != "" {
		t.Errorf("same seed, different schedules:\n%s", diff)
	}
	if cmp.Equal(run(7), run(8)) {
		t.Error("two seeds gave the same schedule")
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	ok := []Fault{
		{Kind: Drop}, {Kind: ServerError, Status: 502}, {Kind: TooManyRequests, Status: 429, RetryAfter: time.Second},
		{Kind: Redirect, Status: 308}, {Kind: Latency, Delay: time.Millisecond}, {Kind: EmptyAnswer, Status: 204},
		{Kind: MalformedAnswer, Body: []byte("{")}, {Kind: Drop, Every: 3, Rate: 0.5, Times: 2},
	}
	for _, f := range ok {
		if err := check(f); err != nil {
			t.Errorf("%+v: %v", f, err)
		}
	}
	bad := []Fault{
		{}, {Kind: MalformedAnswer + 1}, {Kind: Drop, Status: 500}, {Kind: ServerError, Status: 200}, {Kind: TooManyRequests, Status: 503},
		{Kind: Redirect, Status: 200}, {Kind: EmptyAnswer, Status: 500}, {Kind: Latency}, {Kind: Drop, Times: -1},
		{Kind: Drop, Every: -1}, {Kind: Drop, Rate: 1.5}, {Kind: Drop, Delay: -time.Second},
	}
	for _, f := range bad {
		if err := check(f); err == nil {
			t.Errorf("%+v: valid", f)
		}
	}
}

// fatalTB records Fatalf and, like testing's, ends the goroutine that
// called it.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper() {}
func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// TestStartSchedule: valid faults are scheduled; an invalid one ends the
// test, or panics without one, naming the fake.
func TestStartSchedule(t *testing.T) {
	t.Parallel()
	s := StartSchedule(t, "faketest", 1, []Fault{{Kind: Drop}})
	if f := s.Next(httptest.NewRequest("POST", "/a", nil), "/a"); f == nil || f.Kind != Drop {
		t.Errorf("first request met %v, want the Drop given", f)
	}
	bad := []Fault{{Kind: Latency}} // Latency without Delay
	wantErr := Check(bad)
	if wantErr == nil {
		t.Fatal("Check accepted Latency without Delay")
	}
	tb := &fatalTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		StartSchedule(tb, "faketest", 1, bad)
	}()
	<-done
	if diff := cmp.Diff("faketest: WithFaults: "+wantErr.Error(), tb.msg); diff != "" {
		t.Errorf("Fatalf message (-want +got):\n%s", diff)
	}
	var got any
	func() {
		defer func() { got = recover() }()
		StartSchedule(nil, "faketest", 1, bad)
	}()
	if diff := cmp.Diff(any("faketest: WithFaults: "+wantErr.Error()), got); diff != "" {
		t.Errorf("panic (-want +got):\n%s", diff)
	}
}

// TestInject: valid faults are added; an invalid one panics naming the
// fake and adds nothing.
func TestInject(t *testing.T) {
	t.Parallel()
	s := NewSchedule(1)
	s.Inject("faketest", Fault{Kind: ServerError})
	bad := Fault{Kind: Latency} // Latency without Delay
	var got any
	func() {
		defer func() { got = recover() }()
		s.Inject("faketest", Fault{Kind: Drop}, bad)
	}()
	if diff := cmp.Diff(any("faketest: InjectFault: "+Check([]Fault{bad}).Error()), got); diff != "" {
		t.Errorf("panic (-want +got):\n%s", diff)
	}
	var kinds []Kind
	for range 2 {
		var k Kind
		if f := s.Next(httptest.NewRequest("POST", "/a", nil), "/a"); f != nil {
			k = f.Kind
		}
		kinds = append(kinds, k)
	}
	if diff := cmp.Diff([]Kind{ServerError, 0}, kinds); diff != "" {
		t.Errorf("faults met (-want +got):\n%s", diff)
	}
}
