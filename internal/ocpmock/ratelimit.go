package ocpmock

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// rateLimiter is a fixed one-second window, answered with OCP's RateLimit-* headers.
type rateLimiter struct {
	perSecond   int
	windowStart time.Time
	used        int
}

// SetRateLimit allows perSecond requests in each second; zero switches it off.
func (s *Server) SetRateLimit(perSecond int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limiter = rateLimiter{perSecond: perSecond}
}

func (l *rateLimiter) allow(now time.Time, h http.Header) bool {
	if l.perSecond <= 0 {
		return true
	}
	if now.Sub(l.windowStart) >= time.Second {
		l.windowStart = now.Truncate(time.Second)
		l.used = 0
	}
	reset := l.windowStart.Add(time.Second).Sub(now)
	h.Set("RateLimit-Limit", strconv.Itoa(l.perSecond))
	h.Set("RateLimit-Reset", strconv.Itoa(int(math.Ceil(reset.Seconds()))))
	if l.used >= l.perSecond {
		h.Set("RateLimit-Remaining", "0")
		return false
	}
	l.used++
	h.Set("RateLimit-Remaining", strconv.Itoa(l.perSecond-l.used))
	return true
}
