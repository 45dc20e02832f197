package process

import (
	"net/http"
	"testing"
)

func TestServePprofRefusesNonLoopbackAddresses(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:6060", "localhost:0", "127.0.0.1"} {
		t.Run(addr, func(t *testing.T) {
			server, err := servePprof(addr)
			if err == nil {
				_ = server.Close()
				t.Fatalf("servePprof(%q) served on %s, want it refused", addr, server.Addr)
			}
		})
	}
}

func TestServePprofServesOnLoopback(t *testing.T) {
	server, err := servePprof("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = server.Close() })

	for _, path := range []string{"/debug/pprof/", "/debug/pprof/heap", "/debug/pprof/cmdline", "/debug/pprof/symbol"} {
		if status := getStatus(t, "http://"+server.Addr+path); status != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", path, status)
		}
	}
}

func getStatus(t *testing.T, url string) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}
