package provider

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

func TestSettle_rereadsOnlyAfterALostAnswer(t *testing.T) {
	cases := map[string]struct {
		writeErr  error
		wantReads int
	}{
		"refused: one read": {writeErr: ocpError(http.StatusBadRequest, "10001"), wantReads: 1},
		"lost: reads until done": {writeErr: &ocpclient.NoAnswerError{Reason: "reset", MaybeProcessed: true,
			Err: errors.New("connection reset")}, wantReads: 2},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			reads := 0
			read := func(context.Context) (int, error) { reads++; return reads, nil }
			got, err := settle(context.Background(), tc.writeErr, read, func(n int) bool { return n >= 2 })
			if err != nil || reads != tc.wantReads || got != tc.wantReads {
				t.Errorf("got %d after %d reads (%v), want %d reads", got, reads, err, tc.wantReads)
			}
		})
	}
}
