package ocpclient

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
)

// Get hands back every answer as it came: OCP's success and error envelopes and a
// proxy's page alike; only a call without an answer is an error.
func TestGetReturnsAnswersWhateverTheirStatus(t *testing.T) {
	tests := map[string]struct {
		answer       answer
		wantEnvelope bool
		wantExcerpt  string
	}{
		"success":     {answer{status: 200, body: `{"data":{"id":1},"successful":true,"status":200,"traceId":"t1"}`}, true, ""},
		"OCP's error": {answer{status: 404, body: `{"successful":false,"status":404,"error":{"code":10002,"message":"gone"}}`}, true, ""},
		"proxy page":  {answer{status: 404, body: "<html>\n<h1>Not   Found</h1></html>"}, false, "<html> <h1>Not Found</h1></html>"},
		"JSON list":   {answer{status: 200, body: `[1,2]`}, false, "[1,2]"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			srv := newScriptedServer(t, tt.answer)
			got, err := testClient(t, srv.URL).Get(context.Background(), "/api/v2/ob/clusters", url.Values{"size": {"5"}})
			if err != nil {
				t.Fatal(err)
			}
			if got.HTTPStatus != tt.answer.status || got.IsEnvelope() != tt.wantEnvelope || got.Excerpt != tt.wantExcerpt {
				t.Errorf("got %+v", got)
			}
			if query := srv.lastReq.Load().URL.RawQuery; query != "size=5" {
				t.Errorf("query sent = %q", query)
			}
		})
	}
}

func TestGetDecodesFieldsOnRequest(t *testing.T) {
	srv := newScriptedServer(t, answer{status: 400, body: `{"successful":false,"status":400,"traceId":null,"error":{"code":"60002"}}`})
	got, err := testClient(t, srv.URL).Get(context.Background(), "/x", nil)
	if err != nil {
		t.Fatal(err)
	}
	var status int
	var traceID string
	var failure struct {
		Code any `json:"code"`
	}
	if !got.Field("status", &status) || status != 400 {
		t.Errorf("status = %d", status)
	}
	if got.Field("traceId", &traceID) {
		t.Error("a null traceId counts as present")
	}
	if got.Field("timestamp", &traceID) {
		t.Error("an absent field counts as present")
	}
	if !got.Field("error", &failure) || failure.Code != "60002" {
		t.Errorf("error code = %#v, want the string OCP sent", failure.Code)
	}
}

func TestGetWithoutAnAnswerIsAnError(t *testing.T) {
	srv := newScriptedServer(t, answer{status: http.StatusFound, header: http.Header{"Location": {"https://elsewhere/login"}}})
	_, err := testClient(t, srv.URL).Get(context.Background(), "/x", nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusFound {
		t.Fatalf("redirect: got %v", err)
	}
	srv.Close()
	_, err = testClient(t, srv.URL).Get(context.Background(), "/x", nil)
	var noAnswer *NoAnswerError
	if !errors.As(err, &noAnswer) {
		t.Fatalf("closed server: got %v", err)
	}
}
