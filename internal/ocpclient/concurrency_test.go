package ocpclient

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// Terraform calls the provider for many resources at once (-parallelism), and
// each of those calls waits for OCP. The client must send them all at once, each
// on a connection of its own, and keep those connections for the next burst
// instead of opening (and, over TLS, handshaking) most of them anew.
func TestBurstsOfCallsRunAtOnceAndReuseTheirConnections(t *testing.T) {
	const calls = 20
	held, release := make(chan struct{}), make(chan struct{})
	var opened atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		held <- struct{}{}
		<-release
		_, _ = w.Write([]byte(`{"data":{"id":5},"successful":true,"status":200}`))
	}))
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	c := testClient(t, srv.URL)

	for burst := 1; burst <= 2; burst++ {
		errs := make(chan error, calls)
		for range calls {
			go func() {
				_, err := c.GetBackupStrategy(context.Background(), testScope)
				errs <- err
			}()
		}
		for i := range calls {
			select {
			case <-held:
			case <-time.After(10 * time.Second):
				t.Fatalf("burst %d: only %d of %d calls reached OCP at once", burst, i, calls)
			}
		}
		for range calls {
			release <- struct{}{}
		}
		for range calls {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		if got := opened.Load(); got != calls {
			t.Errorf("after burst %d the client had opened %d connections, want %d", burst, got, calls)
		}
	}
}
