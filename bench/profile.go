package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
	"github.com/ocp-tf/terraform-provider-ocp/internal/process"
)

// profileApply takes a CPU profile of the provider process during an apply of n
// schedules, through the pprof endpoint the provider serves when asked, and
// returns the top of it. The profile itself is written to dir/cpu.pprof.
func (b *bench) profileApply(n int, dir string) string {
	ocp := newOCP(n, ocpmock.Options{})
	defer ocp.close()
	ws := b.scheduleWorkspace("profile", b.provider, n, ocp)
	addr := freeLoopbackAddr()
	profiled := ws
	profiled.env = []string{process.PprofAddrEnv + "=" + addr}
	done := make(chan error, 1)
	go func() {
		_, err := profiled.run("apply")
		done <- err
	}()
	profile, err := fetchProfile("http://"+addr+"/debug/pprof/profile?seconds=3", done)
	must(<-done)
	_, err2 := ws.run("destroy")
	must(err2)
	if err != nil {
		return "profile not taken: " + err.Error()
	}
	profilePath := filepath.Join(dir, "cpu.pprof")
	must(os.WriteFile(profilePath, profile, 0o644))
	top, err := exec.Command("go", "tool", "pprof", "-top", "-nodecount=15",
		filepath.Join(b.provider.pluginDir, "terraform-provider-ocp"), profilePath).Output()
	if err != nil {
		return "pprof failed: " + err.Error()
	}
	return string(top)
}

// fetchProfile downloads a profile from the provider process. Terraform starts the
// plugin several times during one apply (to validate, to plan, to apply), and the
// short-lived ones end mid-profile, so it tries again until one profile completes.
func fetchProfile(url string, applyDone chan error) ([]byte, error) {
	for {
		if profile, err := getProfile(url); err == nil {
			return profile, nil
		}
		select {
		case err := <-applyDone:
			applyDone <- err
			return nil, fmt.Errorf("the apply ended before a profile completed")
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func getProfile(url string) ([]byte, error) {
	resp, err := http.Get(url) //nolint:gosec // a loopback address this program chose.
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("pprof answered %s", resp.Status)
	}
	return io.ReadAll(resp.Body)
}

func freeLoopbackAddr() string {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	must(err)
	defer listener.Close()
	return listener.Addr().String()
}

// profileSection formats the profile's top for results.md.
func profileSection(top string, n int) string {
	return fmt.Sprintf("\n## CPU profile of the provider\n\nThree seconds of the provider process during an apply of %d schedules "+
		"(`go tool pprof -top`; the profile is `cpu.pprof`):\n\n```\n%s\n```\n", n, strings.Trim(top, "\n"))
}
