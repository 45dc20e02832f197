// Command ocpmock serves the mock OCP on a loopback address, seeded with a demo
// cluster and tenants, for the demo and for trying the provider by hand.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"syscall"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	username := flag.String("username", "admin", "HTTP Basic user the mock accepts")
	password := flag.String("password", os.Getenv("OCP_PASSWORD"), "HTTP Basic password (default $OCP_PASSWORD)")
	urlFile := flag.String("url-file", "", "write the mock's base URL to this file once it listens")
	flag.Parse()
	if err := run(*addr, *username, *password, *urlFile); err != nil {
		log.Fatal(err)
	}
}

func run(addr, username, password, urlFile string) error {
	if password == "" {
		return errors.New("set -password or OCP_PASSWORD")
	}
	listener, err := listenLoopback(addr)
	if err != nil {
		return err
	}
	mock := ocpmock.New(ocpmock.Options{})
	mock.AddUser(username, password)
	seedDemo(mock)
	baseURL := "http://" + listener.Addr().String()
	if urlFile != "" {
		if err := os.WriteFile(urlFile, []byte(baseURL+"\n"), 0o600); err != nil {
			return err
		}
	}
	log.Printf("mock OCP listening on %s", baseURL)
	server := &http.Server{Handler: mock, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		_ = server.Shutdown(context.Background())
	}()
	if err := server.Serve(listener); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logCalls(mock)
	return nil
}

// logCalls reports, on shutdown, how many API calls each route served.
func logCalls(mock *ocpmock.Server) {
	counts := mock.CallCounts()
	routes := make([]string, 0, len(counts))
	for route := range counts {
		routes = append(routes, string(route))
	}
	sort.Strings(routes)
	for _, route := range routes {
		log.Printf("mock OCP served %3d × %s", counts[ocpmock.Route(route)], route)
	}
}

// listenLoopback refuses any address outside the loopback range: the mock is a
// test double and must never be reachable from the network.
func listenLoopback(addr string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	ip := net.ParseIP(host)
	if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("refusing to listen on %s: the mock OCP only serves loopback addresses", addr)
	}
	return net.Listen("tcp", addr)
}

// seedDemo creates the cluster and tenants that examples/demo and
// examples/tenant-backups refer to.
func seedDemo(mock *ocpmock.Server) {
	mock.AddCluster(1000005, "demo-cluster")
	mock.AddTenant(1000005, 1000012, "orders", true)
	mock.AddTenant(1000005, 1000013, "billing", true)
	// Without a strategy, as examples/tenant-backups expects; ocpprobe reads how OCP says so.
	mock.AddTenant(1000005, 1000014, "ledger", false)
}
