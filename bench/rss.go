package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// rssWatcher samples the peak resident set size (VmHWM) of any process whose
// executable lies in a plugin directory, while a phase runs.
type rssWatcher struct {
	done chan struct{}
	peak chan int64
}

func watchPeakRSS(pluginDir string) *rssWatcher {
	w := &rssWatcher{done: make(chan struct{}), peak: make(chan int64, 1)}
	go func() {
		var peak int64
		for {
			if pluginDir != "" {
				peak = max(peak, scanPeakRSS(pluginDir))
			}
			select {
			case <-w.done:
				w.peak <- peak
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return w
}

func (w *rssWatcher) stop() int64 {
	close(w.done)
	return <-w.peak
}

func scanPeakRSS(pluginDir string) int64 {
	var peak int64
	for _, pid := range processesIn(pluginDir) {
		peak = max(peak, vmHWM(filepath.Join("/proc", pid, "status")))
	}
	return peak
}

// processesIn returns the ids of the live processes whose executable lies in dir.
func processesIn(dir string) []string {
	var pids []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		if exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe")); err == nil && filepath.Dir(exe) == dir {
			pids = append(pids, e.Name())
		}
	}
	return pids
}

// vmHWM reads a process's peak RSS in KiB.
func vmHWM(statusFile string) int64 {
	status, err := os.ReadFile(statusFile)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kib, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kib
		}
	}
	return 0
}
