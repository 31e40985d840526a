package header

import "testing"

// Found red-teaming issue 25's edge: CGI-style servers (PHP's $_SERVER,
// WSGI, Rack) read "Webhook_Signature" and "Webhook-Signature" as one
// variable, HTTP_WEBHOOK_SIGNATURE, so a static header spelled with
// underscores could stand in for Herald's signature, or a proxy that
// folds them could read a second Content-Length. The underscore spelling
// of a reserved name is reserved; other names keep their underscores.
func TestUnderscoreSpellingsAreReserved(t *testing.T) {
	for name, ok := range map[string]bool{
		"Webhook_Signature": false, "webhook_timestamp": false, "WEBHOOK_ID": false, "Content_Length": false,
		"Transfer_Encoding": false, "Proxy_Authorization": false, "User_Agent": false, "content_type": false,
		"x_custom": true, "X_Api_Key": true, "Webhook_Signature_V2": true,
	} {
		if err := CheckName("headers", name); (err == nil) != ok {
			t.Errorf("CheckName(%q) = %v, want ok %v", name, err, ok)
		}
	}
}
