package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// usage is what the plugin processes of one phase cost: the peak resident set
// size of the largest (VmHWM) and the CPU time (user + sys) of all of them.
type usage struct {
	peakRSSKiB int64
	cpuSeconds float64
}

// usageWatcher samples, every 20 ms while a phase runs, the processes whose
// executable lies in a plugin directory. A process's CPU time is its last sample,
// so each process's last 20 ms or less go uncounted: a few tens of milliseconds
// per phase, against seconds of CPU from N = 200 on.
type usageWatcher struct {
	done   chan struct{}
	result chan usage
}

// clockTicksPerSecond is the unit of /proc/PID/stat's CPU times (USER_HZ, 100 on
// Linux whatever the kernel's own tick).
const clockTicksPerSecond = 100

func watchUsage(pluginDir string) *usageWatcher {
	w := &usageWatcher{done: make(chan struct{}), result: make(chan usage, 1)}
	go func() {
		var peak int64
		ticks := map[string]int64{}
		for {
			if pluginDir != "" {
				for _, pid := range processesIn(pluginDir) {
					peak = max(peak, vmHWM(pid))
					ticks[pid] = max(ticks[pid], cpuTicks(pid))
				}
			}
			select {
			case <-w.done:
				var total int64
				for _, t := range ticks {
					total += t
				}
				w.result <- usage{peakRSSKiB: peak, cpuSeconds: float64(total) / clockTicksPerSecond}
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return w
}

func (w *usageWatcher) stop() usage {
	close(w.done)
	return <-w.result
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
func vmHWM(pid string) int64 {
	status, err := os.ReadFile(filepath.Join("/proc", pid, "status"))
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

// cpuTicks reads a process's user and system CPU time in clock ticks (fields 14
// and 15 of /proc/PID/stat, counted after the command name, which may hold spaces).
func cpuTicks(pid string) int64 {
	stat, err := os.ReadFile(filepath.Join("/proc", pid, "stat"))
	if err != nil {
		return 0
	}
	end := strings.LastIndexByte(string(stat), ')')
	if end < 0 {
		return 0
	}
	fields := strings.Fields(string(stat)[end+1:])
	// After the name come state (field 3) on; utime and stime are fields 14 and 15.
	if len(fields) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return utime + stime
}
