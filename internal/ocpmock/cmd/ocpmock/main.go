// Command ocpmock serves the mock OCP on a loopback address, seeded with a demo
// cluster and tenants (and more on request), with admin endpoints under /_mock/
// that change its state, inject faults and count calls: for the demo and for
// trying the provider by hand (README: Try it by hand).
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
	cfg, err := parseFlags(flag.NewFlagSet(os.Args[0], flag.ExitOnError), os.Args[1:], os.Getenv)
	if err == nil {
		err = run(cfg)
	}
	if err != nil {
		log.Fatal(err)
	}
}

// config is what the flags ask for.
type config struct {
	addr        string
	urlFile     string
	credentials credentials
	rateLimit   int
	seed        seed
}

// credentials are those the mock accepts; empty ones are not added.
type credentials struct {
	username, password                 string
	readOnlyUsername, readOnlyPassword string
	accessKeyID, accessKeySecret       string
}

// parseFlags reads args; credentials left out come from the environment the
// provider reads (getenv), so that one set of OCP_* variables serves both.
func parseFlags(fs *flag.FlagSet, args []string, getenv func(string) string) (config, error) {
	var cfg config
	creds := &cfg.credentials
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:0", "loopback address to listen on")
	fs.StringVar(&cfg.urlFile, "url-file", "", "write the mock's base URL to this file once it listens")
	fs.StringVar(&creds.username, "username", "", "HTTP Basic user the mock accepts (default $OCP_USERNAME, else admin)")
	fs.StringVar(&creds.password, "password", "", "its password (default $OCP_PASSWORD)")
	fs.StringVar(&creds.readOnlyUsername, "readonly-username", "", "an HTTP Basic user that may read but whose POST calls get OCP's 403")
	fs.StringVar(&creds.readOnlyPassword, "readonly-password", "", "its password")
	fs.StringVar(&creds.accessKeyID, "access-key-id", "", "AccessKey id the mock accepts signed requests from (default $OCP_ACCESS_KEY_ID)")
	fs.StringVar(&creds.accessKeySecret, "access-key-secret", "", "its secret (default $OCP_ACCESS_KEY_SECRET)")
	fs.IntVar(&cfg.rateLimit, "rate-limit", 0, "requests a second the mock answers before it answers 429 (0: no limit)")
	fs.IntVar(&cfg.seed.clusters, "clusters", 0,
		fmt.Sprintf("extra clusters to seed beside the demo cluster, up to %d: cluster-01 (id 1001000), cluster-02 (1002000), …", maxSeedClusters))
	fs.IntVar(&cfg.seed.tenantsPerCluster, "tenants-per-cluster", 3,
		fmt.Sprintf("tenants of each extra cluster, up to %d: tenant-01-001 (id 1001001), …, each with a backup strategy, running for odd numbers", maxSeedTenantsPerCluster))
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	creds.fillFromEnv(getenv)
	return cfg, cfg.check()
}

func (c *credentials) fillFromEnv(getenv func(string) string) {
	for field, variable := range map[*string]string{
		&c.username: "OCP_USERNAME", &c.password: "OCP_PASSWORD",
		&c.accessKeyID: "OCP_ACCESS_KEY_ID", &c.accessKeySecret: "OCP_ACCESS_KEY_SECRET",
	} {
		if *field == "" {
			*field = getenv(variable)
		}
	}
	if c.username == "" {
		c.username = "admin"
	}
}

// check refuses what would leave the mock unusable or accept an empty password.
func (c config) check() error {
	creds := c.credentials
	switch {
	case creds.password == "" && creds.accessKeyID == "":
		return errors.New("set -password (or OCP_PASSWORD), or an AccessKey pair with -access-key-id and -access-key-secret (or OCP_ACCESS_KEY_ID and OCP_ACCESS_KEY_SECRET)")
	case (creds.accessKeyID == "") != (creds.accessKeySecret == ""):
		return errors.New("-access-key-id and -access-key-secret (or OCP_ACCESS_KEY_ID and OCP_ACCESS_KEY_SECRET) go together")
	case (creds.readOnlyUsername == "") != (creds.readOnlyPassword == ""):
		return errors.New("-readonly-username and -readonly-password go together")
	case creds.readOnlyUsername != "" && creds.readOnlyUsername == creds.username:
		return fmt.Errorf("-readonly-username must differ from -username %q", creds.username)
	case c.rateLimit < 0:
		return fmt.Errorf("-rate-limit must be 0 (no limit) or more, got %d", c.rateLimit)
	case c.seed.clusters < 0 || c.seed.clusters > maxSeedClusters:
		return fmt.Errorf("-clusters must be from 0 to %d, got %d", maxSeedClusters, c.seed.clusters)
	case c.seed.tenantsPerCluster < 0 || c.seed.tenantsPerCluster > maxSeedTenantsPerCluster:
		return fmt.Errorf("-tenants-per-cluster must be from 0 to %d, got %d", maxSeedTenantsPerCluster, c.seed.tenantsPerCluster)
	}
	return nil
}

// newMock builds the mock the flags ask for.
func newMock(cfg config) *ocpmock.Server {
	mock := ocpmock.New(ocpmock.Options{})
	creds := cfg.credentials
	if creds.password != "" {
		mock.AddUser(creds.username, creds.password)
	}
	if creds.readOnlyUsername != "" {
		mock.AddReadOnlyUser(creds.readOnlyUsername, creds.readOnlyPassword)
	}
	if creds.accessKeyID != "" {
		mock.AddAccessKey(creds.accessKeyID, creds.accessKeySecret)
	}
	mock.SetRateLimit(cfg.rateLimit)
	cfg.seed.plant(mock)
	return mock
}

func run(cfg config) error {
	listener, err := listenLoopback(cfg.addr)
	if err != nil {
		return err
	}
	mock := newMock(cfg)
	baseURL := "http://" + listener.Addr().String()
	if cfg.urlFile != "" {
		if err := os.WriteFile(cfg.urlFile, []byte(baseURL+"\n"), 0o600); err != nil {
			return err
		}
	}
	log.Printf("mock OCP listening on %s, admin endpoints under %s%s", baseURL, baseURL, ocpmock.AdminPrefix)
	server := &http.Server{Handler: mock.WithAdmin(), ReadHeaderTimeout: 10 * time.Second}
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
